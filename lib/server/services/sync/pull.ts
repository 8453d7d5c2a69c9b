import "server-only";
import type { Content } from "@/db/tables";
import { savePullCursor } from "@/db/queries/sync";
import { PlatformError } from "@/lib/platforms/types";
import { collectionRoute } from "@/lib/platforms/wordpress/client";
import { itemKey, walkModified, type WalkCursor } from "@/lib/platforms/wordpress/cursor";
import { wpPostSchema, type WpPost } from "@/lib/platforms/wordpress/schemas";
import type { SyncContext } from "./context";
import { applyPulledPosts, type PullState } from "./apply-pulled";
import { createLimiter, mapWithConcurrency } from "./limiter";
import { ALL_STATUSES, LIVE_STATUSES, PULL_FIELDS, readByIds, reconcile, restBaseOf } from "./pull-by-id";
import { loadTermIndex, pullTaxonomies } from "./taxonomies";

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
        const res = await readByIds(ctx, collectionRoute(await restBaseOf(ctx, type)), ids);
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
