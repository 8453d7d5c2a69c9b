import "server-only";
import type { Content } from "@/db/tables";
import { getContentByWordpressIds, listLiveWordpressIds, setSyncState } from "@/db/queries/content-sync";
import { insertEvents } from "@/db/queries/sync";
import { PlatformError } from "@/lib/platforms/types";
import { wpPostSchema } from "@/lib/platforms/wordpress/schemas";
import { SEO_META_FIELDS } from "@/lib/platforms/wordpress/transform";
import type { SyncContext } from "./context";
import { applyPulledPosts, type PullState } from "./apply-pulled";
import { mapWithConcurrency } from "./limiter";
import { loadTermIndex } from "./taxonomies";

/**
 * What we read of each item (`_fields`): nothing more crosses the wire. Raw title, content and
 * excerpt only: WordPress then skips running `the_content` filters for the rendered copy. The SEO
 * meta keys answer only where the IGNY8 plugin registers them.
 */
export const PULL_FIELDS = [
  ...["id", "type", "status", "slug", "link", "date_gmt", "modified", "modified_gmt", "title.raw", "content.raw"],
  ...["excerpt.raw", "featured_media", "categories", "tags", ...SEO_META_FIELDS],
];
export const LIVE_STATUSES = ["publish", "future", "draft", "pending", "private"];
export const ALL_STATUSES = [...LIVE_STATUSES, "trash"];

/** The REST base of a content type (posts, pages, or a custom type's own). */
export async function restBaseOf(ctx: SyncContext, type: Content["contentType"]): Promise<string> {
  if (type === "post") return "posts";
  if (type === "page") return "pages";
  const types = await ctx.client.listTypes();
  const found = Object.values(types).find((t) => t.slug === type);
  if (!found) throw new PlatformError("not_found", `WordPress has no REST-visible "${type}" content type.`, { fix: "Remove it from the integration's post types, or enable its REST API (show_in_rest)." });
  return found.rest_namespace === "wp/v2" ? found.rest_base : `${found.rest_namespace}/${found.rest_base}`;
}

/** Items of a collection by WordPress id (up to 100), whatever their status. */
export async function readByIds(ctx: SyncContext, route: string, ids: number[]) {
  return ctx.client.listPage(route, wpPostSchema, { include: ids, per_page: 100, status: ALL_STATUSES, context: "edit", _fields: PULL_FIELDS.join(",") });
}

/**
 * Our live items the walk did not return: fetched by id (all statuses) so a trashed one is marked
 * trashed, a deleted one (absent) deleted, and one that is still there (a page shifted under a
 * concurrent delete, or a resumed run) pulled normally.
 */
export async function reconcile(ctx: SyncContext, state: PullState, type: Content["contentType"], route: string, seen: Set<number>): Promise<number> {
  const ours = await listLiveWordpressIds(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id, contentType: type });
  const missing = ours.filter((r) => !seen.has(r.wordpressId!));
  if (!missing.length) return 0;
  let touched = 0;
  const found = new Set<number>();
  const chunks = Array.from({ length: Math.ceil(missing.length / 100) }, (_, i) => missing.slice(i * 100, i * 100 + 100));
  await mapWithConcurrency(chunks, ctx.concurrency, async (chunk) => {
    const res = await readByIds(ctx, route, chunk.map((r) => r.wordpressId!));
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
