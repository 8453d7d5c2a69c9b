import "server-only";
import type { Content, ContentTaxonomy, SyncEvent } from "@/db/tables";
import { getContentByIds } from "@/db/queries/content";
import { listTermsOf, markPushed, setSyncState, type PushedItem } from "@/db/queries/content-sync";
import { insertEvents, type NewSyncEvent } from "@/db/queries/sync";
import { PlatformError, type ContentFields } from "@/lib/platforms/types";
import { collectionRoute } from "@/lib/platforms/wordpress/client";
import { fromHttpError } from "@/lib/platforms/wordpress/errors";
import { wpBatchResponseSchema, wpPostSchema, type WpPost } from "@/lib/platforms/wordpress/schemas";
import { toWordPressPayload } from "@/lib/platforms/wordpress/transform";
import type { SyncContext } from "./context";
import { describeError, isPermanentSiteError, ItemError } from "./errors";
import { contentHash, hashableOf } from "./hash";
import { createFeaturedMediaResolver } from "./images";
import { mapWithConcurrency } from "./limiter";
import { createTermResolver } from "./taxonomies";
import { findExistingPost } from "./exactly-once";
import { handlePushConflict, isWriteConflict, writeGuardHeaders } from "./conflicts";
import { toVersion } from "../conflicts-versions";
import { holdForPush } from "./push-claims";
import { seoForPush, seoSupport } from "./seo";

const REST_BASE: Record<Content["contentType"], string> = { post: "posts", page: "pages", product: "product" };

/** What became of one item: pushed (or failed, with its event), or left alone because another push holds it. */
export type PushOutcome =
  | { contentId: string; ok: boolean; busy?: false; action?: "created" | "updated"; wordpressId?: number; event: SyncEvent }
  | { contentId: string; ok: false; busy: true; event?: undefined; action?: undefined; wordpressId?: undefined };

type PushOptions = {
  batch: boolean;
  onProgress?: (done: number, failed: number) => Promise<void>;
  /** The WordPress modified_gmt an update must expect, per item, instead of the stored base (pushing ours over theirs). */
  baseModifiedGmt?: ReadonlyMap<string, string | null>;
};

/** One item ready to send: its payload and hash, and what its event says of its SEO fields. */
type Prepared = { item: Content; route: string; payload: Record<string, unknown>; hash: string; seoNote: object };

/** publish, or future with date_gmt when scheduled ahead; `default_status` in config may say draft. */
function statusFor(ctx: SyncContext, item: Content): Pick<ContentFields, "status" | "dateGmt"> {
  if (item.scheduledAt && item.scheduledAt.getTime() > Date.now()) return { status: "future", dateGmt: item.scheduledAt.toISOString() };
  const configured = (ctx.integration.configJson as { default_status?: unknown }).default_status;
  return { status: configured === "draft" ? "draft" : "publish" };
}

async function prepare(ctx: SyncContext, item: Content, terms: ContentTaxonomy[], resolvers: { terms: ReturnType<typeof createTermResolver>; media: ReturnType<typeof createFeaturedMediaResolver> }): Promise<Prepared> {
  if (!item.title.trim()) throw new ItemError("validation_error", "The item has no title.", "Give it a title, then push again.");
  const [{ categoryIds, tagIds }, featuredMediaId] = await Promise.all([resolvers.terms.idsFor(terms), resolvers.media(item)]);
  const fields: Partial<ContentFields> = {
    title: item.title,
    content: item.content,
    excerpt: item.excerpt,
    slug: item.slug,
    ...statusFor(ctx, item),
    categoryIds,
    tagIds,
    ...(featuredMediaId !== null || item.wordpressId ? { featuredMediaId } : {}),
  };
  const seo = seoForPush(item, await seoSupport(ctx));
  const payload = { ...toWordPressPayload(fields), meta: { ...seo.meta, _igny8_content_id: item.id } };
  const names = (type: ContentTaxonomy["type"]) => terms.filter((t) => t.type === type).map((t) => t.name);
  const hash = contentHash(hashableOf(item, { categories: names("category"), tags: names("tag") }));
  return { item, route: collectionRoute(REST_BASE[item.contentType]), payload, hash, seoNote: seo.metadata };
}

/** What a push reads back of the written post; WordPress then skips rendering the rest. */
const WRITE_FIELDS = "id,status,link,modified_gmt";

const isAmbiguous = (error: unknown) => error instanceof PlatformError && (error.code === "unreachable" || error.code === "server_error" || error.code === "invalid_response" || error.retryable);

/** Creates or updates one item; a create whose answer was lost is looked up before it is retried. */
async function sendOne(ctx: SyncContext, p: Prepared): Promise<{ post: WpPost; action: "created" | "updated" }> {
  const id = p.item.wordpressId;
  const query = { _fields: WRITE_FIELDS };
  if (id) return { post: (await ctx.client.request("PUT", `${p.route}/${id}`, { query, json: p.payload, schema: wpPostSchema, headers: await writeGuardHeaders(ctx, p.item) })).data, action: "updated" };
  for (let attempt = 0; ; attempt++) {
    try {
      return { post: (await ctx.client.request("POST", p.route, { query, json: p.payload, schema: wpPostSchema })).data, action: "created" };
    } catch (error) {
      if (!isAmbiguous(error) || attempt >= 2) throw error;
      const existing = await findExistingPost(ctx, p.route, p.item);
      if (existing) return { post: (await ctx.client.request("PUT", `${p.route}/${existing}`, { query, json: p.payload, schema: wpPostSchema })).data, action: "created" };
    }
  }
}

type SendResult = { ok: true; post: WpPost; action: "created" | "updated" } | { ok: false; error: unknown };

/**
 * Up to maxItems per `/batch/v1` request, as many requests at once as single pushes use; chunks
 * whose answer is lost or refused go one by one.
 */
async function sendBatched(ctx: SyncContext, prepared: Prepared[], maxItems: number): Promise<SendResult[]> {
  const results = new Array<SendResult>(prepared.length);
  const chunks = Array.from({ length: Math.ceil(prepared.length / maxItems) }, (_, i) => prepared.slice(i * maxItems, (i + 1) * maxItems).map((p, j) => ({ p, index: i * maxItems + j })));
  await mapWithConcurrency(chunks, ctx.concurrency, async (chunk) => {
    let responses: Array<{ status?: number; body: unknown }>;
    try {
      // An update whose post changed since the base (check without the plugin) sends the chunk one by one.
      const requests = await Promise.all(
        chunk.map(async ({ p }) => ({
          method: p.item.wordpressId ? "PUT" : "POST",
          path: `${p.item.wordpressId ? `${p.route}/${p.item.wordpressId}` : p.route}?_fields=${WRITE_FIELDS}`,
          body: p.payload,
          headers: { "X-IGNY8-Origin": "igny8", ...(await writeGuardHeaders(ctx, p.item)) },
        })),
      );
      responses = (await ctx.client.request("POST", "/batch/v1", { json: { requests }, schema: wpBatchResponseSchema })).data.responses;
    } catch (error) {
      if (isPermanentSiteError(error)) throw error;
      // Lost or refused: each item alone (a create that went through is found before re-creating).
      await mapWithConcurrency(chunk, ctx.concurrency, async ({ p, index }) => {
        results[index] = await sendOne(ctx, p).then((r) => ({ ok: true as const, ...r }), (e) => ({ ok: false as const, error: e }));
      });
      return;
    }
    await mapWithConcurrency(chunk, ctx.concurrency, async ({ p, index }) => {
      const res = responses[chunk.findIndex((c) => c.index === index)];
      const status = res?.status ?? 0;
      const parsed = status >= 200 && status < 300 ? wpPostSchema.safeParse(res?.body) : undefined;
      if (parsed?.success) {
        results[index] = { ok: true, post: parsed.data, action: p.item.wordpressId ? "updated" : "created" };
        return;
      }
      const error = fromHttpError(status || 500, "application/json", JSON.stringify(res?.body ?? {}), null);
      if (error.platformCode === "rest_batch_not_allowed") {
        results[index] = await sendOne(ctx, p).then((r) => ({ ok: true as const, ...r }), (e) => ({ ok: false as const, error: e }));
        return;
      }
      results[index] = { ok: false, error };
    });
  });
  return results;
}

/**
 * Pushes items to WordPress: terms by name (created when missing), the featured image (uploaded
 * once), then create or update; with `batch`, through `/batch/v1` when the site offers it.
 * Every item ends with a stored outcome and one content_push event. Errors that concern the
 * whole site (401, 403, firewall) are thrown after the items so far are recorded.
 *
 * Exactly once: each item is claimed in the database first (push-claims.ts) and read again
 * under the claim, so an item another push holds (a second request, the scheduler, a run, in
 * any process) is answered `busy` and never sent twice; the claim's holder sees the WordPress id
 * the previous holder stored and updates instead of creating.
 */
export async function pushItems(ctx: SyncContext, items: Content[], options: PushOptions): Promise<PushOutcome[]> {
  if (!items.length) return [];
  const hold = await holdForPush(ctx, items.map((i) => i.id));
  try {
    const fresh = await getContentByIds(ctx.db, { accountId: ctx.accountId, ids: [...hold.held] });
    const claimed = fresh.map((row) => (options.baseModifiedGmt?.has(row.id) ? { ...row, baseModifiedGmt: options.baseModifiedGmt.get(row.id) ?? null } : row));
    const busy = items.filter((i) => !hold.held.has(i.id)).map((i): PushOutcome => ({ contentId: i.id, ok: false, busy: true }));
    return [...(await pushHeld(ctx, claimed, options)), ...busy];
  } finally {
    await hold.release();
  }
}

async function pushHeld(ctx: SyncContext, items: Content[], options: PushOptions): Promise<PushOutcome[]> {
  if (!items.length) return [];
  const terms = await listTermsOf(ctx.db, { accountId: ctx.accountId, contentIds: items.map((i) => i.id) });
  const resolvers = { terms: createTermResolver(ctx), media: createFeaturedMediaResolver(ctx) };
  const prepared: Array<Prepared | { error: unknown; item: Content }> = await mapWithConcurrency(items, ctx.concurrency, async (item) => {
    try {
      const p = await prepare(ctx, item, terms.get(item.id) ?? [], resolvers);
      // A create that may already have happened (an earlier attempt never got its answer).
      if (!item.wordpressId && (item.syncState === "pending" || item.syncState === "failed")) {
        const existing = await findExistingPost(ctx, p.route, item);
        if (existing) p.item = { ...item, wordpressId: existing };
      }
      return p;
    } catch (error) {
      if (isPermanentSiteError(error)) throw error;
      return { error, item };
    }
  });
  const ready = prepared.filter((p): p is Prepared => "payload" in p);
  // The marker: an item in `pending` without a WordPress id may have been created; look before re-creating.
  await setSyncState(ctx.db, { accountId: ctx.accountId, ids: ready.filter((p) => !p.item.wordpressId).map((p) => p.item.id) }, { syncState: "pending" });

  const maxItems = options.batch && ready.length > 1 ? await ctx.client.getBatchMaxItems() : 0;
  let sent: SendResult[];
  if (maxItems > 0) sent = await sendBatched(ctx, ready, maxItems);
  else {
    sent = await mapWithConcurrency(ready, ctx.concurrency, (p) =>
      sendOne(ctx, p).then(
        (r): SendResult => ({ ok: true, ...r }),
        (error): SendResult => ({ ok: false, error }),
      ),
    );
  }

  const outcomes: PushOutcome[] = [];
  const failures = prepared.filter((p): p is { error: unknown; item: Content } => "error" in p).map((p) => ({ item: p.item, error: p.error }));
  let permanent: unknown;
  const events: NewSyncEvent[] = [];
  const pushed: PushedItem[] = [];
  const base = { accountId: ctx.accountId, integrationId: ctx.integration.id, runId: ctx.runId, eventType: "content_push" as const, direction: "igny8_to_wp" as const };
  for (const [i, p] of ready.entries()) {
    const result = sent[i];
    if (!result.ok) {
      failures.push({ item: p.item, error: result.error });
      if (isPermanentSiteError(result.error)) permanent ??= result.error;
      continue;
    }
    const { post, action } = result;
    const names = (type: string) => (terms.get(p.item.id) ?? []).filter((t) => t.type === type).map((t) => t.name);
    pushed.push({
      id: p.item.id,
      wordpressId: post.id,
      wordpressUrl: post.link ?? null,
      wordpressStatus: post.status ?? "publish",
      modifiedGmt: post.modified_gmt ?? null,
      hash: p.hash,
      baseSnapshot: toVersion({ ...p.item, categories: names("category"), tags: names("tag") }),
    });
    const metadata = { action, modified_gmt: post.modified_gmt ?? null, link: post.link ?? null, ...p.seoNote };
    const { contentType, id: contentId } = p.item;
    events.push({ ...base, contentType, contentId, externalId: post.id, status: "success", metadata });
  }
  await markPushed(ctx.db, { accountId: ctx.accountId, items: pushed });
  for (const { item, error } of failures) {
    if (isWriteConflict(error)) {
      events.push(await handlePushConflict(ctx, item, error, base));
      continue;
    }
    const { code, message, fix } = describeError(error);
    await setSyncState(ctx.db, { accountId: ctx.accountId, ids: [item.id] }, { syncState: "failed" });
    events.push({ ...base, contentType: item.contentType, contentId: item.id, externalId: item.wordpressId, status: "failed", errorCode: code, errorMessage: message, metadata: { fix: fix ?? null } });
  }
  const stored = await insertEvents(ctx.db, events);
  for (const event of stored) {
    outcomes.push({
      contentId: event.contentId!,
      ok: event.status === "success",
      action: (event.metadata as { action?: "created" | "updated" }).action,
      wordpressId: event.externalId ?? undefined,
      event,
    });
  }
  await options.onProgress?.(outcomes.length, failures.length);
  if (permanent) throw permanent;
  return outcomes;
}
