import "server-only";
import type { Content } from "@/db/tables";
import { getContentByWordpressIds, listLiveWordpressIds, setSyncState } from "@/db/queries/content-sync";
import { insertEvents, savePullCursor } from "@/db/queries/sync";
import { PlatformError } from "@/lib/platforms/types";
import { collectionRoute } from "@/lib/platforms/wordpress/client";
import { itemKey, walkModified, type WalkCursor } from "@/lib/platforms/wordpress/cursor";
import { wpPostSchema, type WpPost } from "@/lib/platforms/wordpress/schemas";
import type { SyncContext } from "./context";
import { applyPulledPosts, type PullState } from "./apply-pulled";
import { createLimiter, mapWithConcurrency } from "./limiter";
import { loadTermIndex, pullTaxonomies } from "./taxonomies";

/**
 * What we read of each item (`_fields`): nothing more crosses the wire. Raw title, content and
 * excerpt only: WordPress then skips running `the_content` filters for the rendered copy.
 */
const PULL_FIELDS = ["id", "type", "status", "slug", "link", "date_gmt", "modified", "modified_gmt", "title.raw", "content.raw", "excerpt.raw", "featured_media", "categories", "tags"];
const LIVE_STATUSES = ["publish", "future", "draft", "pending", "private"];
const ALL_STATUSES = [...LIVE_STATUSES, "trash"];

/** Resume point of a pull, stored in the run's checkpoint after every page. */
export type PullCheckpoint = {
  /** Content types finished in this run. */
  doneTypes: string[];
  /** The full walk of the current type: its cursor for later pulls and the pages already stored. */
  full?: { type: string; head: WalkCursor; donePages: number[] };
};

export type PullProgress = {
  checkpoint: PullCheckpoint;
  /** Called after every stored page; persists progress and renews the run's lease. */
  report: (delta: { processed: number; total?: number }) => Promise<void>;
};

/** post, page, and the custom types enabled in the integration's config (`post_types`). */
export function pullContentTypes(ctx: SyncContext): Content["contentType"][] {
  const configured = (ctx.integration.configJson as { post_types?: unknown }).post_types;
  const extra = Array.isArray(configured) ? configured.filter((t): t is "product" => t === "product") : [];
  return ["post", "page", ...extra];
}

async function restBaseOf(ctx: SyncContext, type: Content["contentType"]): Promise<string> {
  if (type === "post") return "posts";
  if (type === "page") return "pages";
  const types = await ctx.client.listTypes();
  const found = Object.values(types).find((t) => t.slug === type);
  if (!found) throw new PlatformError("not_found", `WordPress has no REST-visible "${type}" content type.`, { fix: "Remove it from the integration's post types, or enable its REST API (show_in_rest)." });
  return found.rest_namespace === "wp/v2" ? found.rest_base : `${found.rest_namespace}/${found.rest_base}`;
}

const storedCursor = (ctx: SyncContext, type: string) => (ctx.integration.pullCursor as Record<string, WalkCursor | undefined>)[type];

/**
 * Pulls every content type: taxonomies first, then per type a full walk (no cursor yet, or
 * `full`) or an incremental walk from the stored modified cursor. Resumable from `checkpoint`.
 */
export async function pullAll(ctx: SyncContext, options: { full: boolean; progress: PullProgress }) {
  const { checkpoint } = options.progress;
  const types = pullContentTypes(ctx).filter((type) => !checkpoint.doneTypes.includes(type));
  const isFullOf = (type: string) => options.full || !storedCursor(ctx, type) || checkpoint.full?.type === type;
  // The heads of the full walks are read while the terms come in: before any page, as they must be.
  const heads = new Map(types.filter((type) => isFullOf(type) && checkpoint.full?.type !== type).map((type) => [type, readHeadOf(ctx, type)]));
  for (const head of heads.values()) head.catch(() => {}); // awaited by pullFull; a failure elsewhere must not leave it unhandled
  // Terms first for full walks; incremental pulls refresh them only when an unknown term shows up.
  const state: PullState = types.some(isFullOf)
    ? { terms: await pullTaxonomies(ctx), refreshedTerms: true }
    : { terms: await loadTermIndex(ctx), refreshedTerms: false };
  let touched = 0;
  if (types.length > 0 && !types.some(isFullOf)) {
    const changed = await pullChanges(ctx, state, types, options.progress);
    if (changed !== undefined) {
      checkpoint.doneTypes.push(...types);
      await options.progress.report({ processed: 0 });
      return { touched: changed };
    }
  }
  for (const type of types) {
    const cursor = storedCursor(ctx, type);
    const isFull = isFullOf(type);
    touched += isFull ? await pullFull(ctx, state, type, options.progress, heads.get(type)) : await pullIncremental(ctx, state, type, cursor!, options.progress);
    checkpoint.doneTypes.push(type);
    checkpoint.full = undefined;
    await options.progress.report({ processed: 0 });
  }
  return { touched };
}

/**
 * A cursor never runs ahead of the site's clock: WordPress gives a post created with a future date
 * that date as `modified`, and a cursor past it would skip every real edit until then. Five
 * minutes of margin absorb clock skew; items re-read inside it are not re-written.
 */
async function clampCursor(ctx: SyncContext, cursor: WalkCursor): Promise<WalkCursor> {
  const offsetHours = Number((await ctx.client.discover()).index.gmt_offset ?? 0) || 0;
  const limit = new Date(Date.now() + offsetHours * 3_600_000 - 5 * 60_000).toISOString().slice(0, 19);
  return cursor.modified > limit ? { modified: limit, seen: [] } : cursor;
}

/** The newest change of a type on the site right now: where its next incremental pull starts. */
async function readHeadOf(ctx: SyncContext, type: Content["contentType"]): Promise<WalkCursor> {
  const route = collectionRoute(await restBaseOf(ctx, type));
  const res = await ctx.client.listPage(route, wpPostSchema, {
    orderby: "modified",
    order: "desc",
    per_page: 100,
    status: ALL_STATUSES,
    context: "edit",
    _fields: "id,modified,modified_gmt",
  });
  const newest = res.items[0]?.modified;
  if (!newest) return { modified: "1970-01-01T00:00:00", seen: [] };
  return clampCursor(ctx, { modified: newest, seen: res.items.filter((p) => p.modified === newest).map(itemKey) });
}

/**
 * Every item, 100 per page in id order (stable while posts are edited), pages fetched in parallel
 * up to the site's concurrency cap. Afterwards our items not seen are checked by id: trashed,
 * deleted, or still there (then pulled).
 */
async function pullFull(ctx: SyncContext, state: PullState, type: Content["contentType"], progress: PullProgress, head?: Promise<WalkCursor>): Promise<number> {
  const route = collectionRoute(await restBaseOf(ctx, type));
  const resumed = progress.checkpoint.full?.type === type ? progress.checkpoint.full : undefined;
  const full = resumed ?? { type, head: await (head ?? readHeadOf(ctx, type)), donePages: [] };
  progress.checkpoint.full = full;
  const seen = new Set<number>();
  let touched = 0;
  const fetchPage = (page: number) =>
    ctx.client.listPage(route, wpPostSchema, { orderby: "id", order: "asc", page, per_page: 100, status: LIVE_STATUSES, context: "edit", _fields: PULL_FIELDS.join(",") });
  const store = async (page: number, items: WpPost[]) => {
    for (const item of items) seen.add(item.id);
    const results = await applyPulledPosts(ctx, state, type, items);
    touched += results.filter((r) => r.action !== "unchanged").length;
    full.donePages.push(page);
    await progress.report({ processed: items.length });
  };

  const first = await fetchPage(1);
  await progress.report({ processed: 0, total: first.total });
  // Lanes fetch while up to two writers store pages as they arrive (PostgreSQL overlaps them; the
  // embedded database takes them in turn); a lane that finds more than `concurrency` pages not yet
  // stored waits for its own, so memory stays bounded.
  const writers = createLimiter(2);
  const storing = new Set<Promise<void>>();
  let failed = false;
  const enqueue = (page: number, items: WpPost[]) => {
    const stored = writers.acquire().then(async (release) => {
      try {
        await store(page, items);
      } finally {
        release();
      }
    });
    storing.add(stored);
    // A failed store stays in `storing` and is rethrown below; the lanes stop fetching.
    stored.then(() => storing.delete(stored), () => (failed = true));
    return stored;
  };
  if (!full.donePages.includes(1)) enqueue(1, first.items);
  const rest = Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) => i + 2).filter((p) => !full.donePages.includes(p));
  await mapWithConcurrency(rest, ctx.concurrency, async (page) => {
    if (failed) return;
    const stored = enqueue(page, (await fetchPage(page)).items);
    if (storing.size > ctx.concurrency) await stored;
  });
  await Promise.all(storing);

  touched += await reconcile(ctx, state, type, route, seen);
  await savePullCursor(ctx.db, { id: ctx.integration.id, contentType: type, cursor: full.head });
  return touched;
}

/** Items changed since the cursor, oldest first; the cursor is saved after every page. */
async function pullIncremental(ctx: SyncContext, state: PullState, type: Content["contentType"], cursor: WalkCursor, progress: PullProgress): Promise<number> {
  const restBase = await restBaseOf(ctx, type);
  let touched = 0;
  let isFirst = true;
  for await (const page of ctx.client.walkModified(restBase, { cursor, fields: PULL_FIELDS, status: ALL_STATUSES, context: "edit" })) {
    const results = await applyPulledPosts(ctx, state, type, page.items);
    touched += results.filter((r) => r.action !== "unchanged").length;
    await savePullCursor(ctx.db, { id: ctx.integration.id, contentType: type, cursor: await clampCursor(ctx, page.cursor) });
    await progress.report({ processed: page.items.length, total: isFirst ? page.total : undefined });
    isFirst = false;
  }
  return touched;
}

/**
 * Every type's changes in one listing: the IGNY8 plugin's `igny8/v1/changes` (id, type, status,
 * modified), walked like a collection from the oldest of the types' cursors; the changed items are
 * then read by id, one request per type. With nothing changed that is the one request of the pull.
 * Undefined when the site has no such route (no plugin, an older one, or no permission for it).
 */
async function pullChanges(ctx: SyncContext, state: PullState, types: Content["contentType"][], progress: PullProgress): Promise<number | undefined> {
  const cursors = types.map((type) => storedCursor(ctx, type)!);
  const oldest = cursors.reduce((a, b) => (b.modified < a.modified ? b : a));
  const start: WalkCursor = { modified: oldest.modified, seen: cursors.filter((c) => c.modified === oldest.modified).flatMap((c) => c.seen) };
  let answered = false;
  const feed = async (query: Record<string, string | number | undefined>) => {
    const res = await ctx.client.listPage("/igny8/v1/changes", wpPostSchema, { modified_after: query.modified_after, page: Number(query.page), per_page: Number(query.per_page), types });
    answered = true;
    return res;
  };
  let touched = 0;
  let isFirst = true;
  try {
    for await (const page of walkModified(feed, { cursor: start })) {
      for (const type of types) {
        const ids = page.items.filter((item) => (item.type ?? "post") === type).map((item) => item.id);
        if (!ids.length) continue;
        const res = await ctx.client.listPage(collectionRoute(await restBaseOf(ctx, type)), wpPostSchema, {
          include: ids,
          per_page: 100,
          status: ALL_STATUSES,
          context: "edit",
          _fields: PULL_FIELDS.join(","),
        });
        const results = await applyPulledPosts(ctx, state, type, res.items);
        touched += results.filter((r) => r.action !== "unchanged").length;
      }
      const cursor = await clampCursor(ctx, page.cursor);
      for (const type of types) await savePullCursor(ctx.db, { id: ctx.integration.id, contentType: type, cursor });
      await progress.report({ processed: page.items.length, total: isFirst ? page.total : undefined });
      isFirst = false;
    }
  } catch (error) {
    // The route's first answer is what tells a site without it; nothing has been read yet then.
    if (!answered && error instanceof PlatformError && (error.code === "not_found" || error.code === "forbidden")) return undefined;
    throw error;
  }
  return touched;
}

/**
 * Our live items the walk did not return: fetched by id (all statuses) so a trashed one is marked
 * trashed, a deleted one (absent) deleted, and one that is still there (a page shifted under a
 * concurrent delete, or a resumed run) pulled normally.
 */
async function reconcile(ctx: SyncContext, state: PullState, type: Content["contentType"], route: string, seen: Set<number>): Promise<number> {
  const ours = await listLiveWordpressIds(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id, contentType: type });
  const missing = ours.filter((r) => !seen.has(r.wordpressId!));
  if (!missing.length) return 0;
  let touched = 0;
  const found = new Set<number>();
  const chunks = Array.from({ length: Math.ceil(missing.length / 100) }, (_, i) => missing.slice(i * 100, i * 100 + 100));
  await mapWithConcurrency(chunks, ctx.concurrency, async (chunk) => {
    const res = await ctx.client.listPage(route, wpPostSchema, {
      include: chunk.map((r) => r.wordpressId!),
      per_page: 100,
      status: ALL_STATUSES,
      context: "edit",
      _fields: PULL_FIELDS.join(","),
    });
    for (const item of res.items) found.add(item.id);
    const results = await applyPulledPosts(ctx, state, type, res.items);
    touched += results.filter((r) => r.action !== "unchanged").length;
  });
  const deleted = missing.filter((r) => !found.has(r.wordpressId!));
  if (deleted.length) {
    await markDeleted(ctx, type, deleted.map((r) => ({ id: r.id, wordpressId: r.wordpressId! })));
    touched += deleted.length;
  }
  return touched;
}

async function markDeleted(ctx: SyncContext, type: string, rows: Array<{ id: string; wordpressId: number }>) {
  await setSyncState(ctx.db, { accountId: ctx.accountId, ids: rows.map((r) => r.id) }, { syncState: "remote_deleted", wordpressStatus: null });
  await insertEvents(
    ctx.db,
    rows.map((r) => ({
      accountId: ctx.accountId,
      integrationId: ctx.integration.id,
      runId: ctx.runId,
      eventType: ctx.eventType ?? ("content_pull" as const),
      direction: "wp_to_igny8" as const,
      contentType: type,
      contentId: r.id,
      externalId: r.wordpressId,
      status: "success" as const,
      metadata: { action: "deleted" },
    })),
  );
}

/**
 * Imports one WordPress item now (the webhook receiver's call): fetched by id, stored like a
 * pulled item when it changed; absent in WordPress means deleted and is marked so.
 */
export async function importWordPressItem(ctx: SyncContext, params: { wordpressId: number; contentType?: Content["contentType"] }) {
  const type = params.contentType ?? "post";
  const post = await ctx.client.getPost(await restBaseOf(ctx, type), params.wordpressId, "edit");
  if (!post) {
    const [row] = await getContentByWordpressIds(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id, wordpressIds: [params.wordpressId] });
    if (!row || row.syncState === "remote_deleted") return { action: "unchanged" as const, contentId: row?.id };
    await markDeleted(ctx, type, [{ id: row.id, wordpressId: params.wordpressId }]);
    return { action: "deleted" as const, contentId: row.id };
  }
  const state: PullState = { terms: await loadTermIndex(ctx), refreshedTerms: false };
  const [result] = await applyPulledPosts(ctx, state, type, [post]);
  return { action: result?.action ?? ("unchanged" as const), contentId: result?.contentId };
}
