import "server-only";
import type { Content, NewContent } from "@/db/tables";
import type { NewSyncEvent } from "@/db/queries/sync";
import { insertEvents } from "@/db/queries/sync";
import { getContentByWordpressIds, insertPulledItems, replaceContentTerms, replacePulledFeaturedImages, updateSyncedContent, type PulledItem } from "@/db/queries/content-sync";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";
import { fromWordPressPost, type SeoPlugin } from "@/lib/platforms/wordpress/transform";
import type { Executor } from "@/db/client";
import type { SyncContext } from "./context";
import { contentHash, type HashableContent } from "./hash";
import { resolveMediaUrls } from "./images";
import { pullTaxonomies, type TermIndex } from "./taxonomies";
import { applyConflictPolicy, recordPulledConflict } from "./conflicts";
import { toVersion } from "../conflicts-versions";
import type { ContentConflict } from "@/db/tables";
import { seoColumnsOf, seoOf } from "../content-seo";
import { pulledSeoOf, seoPluginsOf } from "./seo";

export type PulledAction = "created" | "updated" | "trashed" | "conflict" | "unchanged";

/** WordPress's status as ours; a Map, since the status is whatever the site sends. */
const STATUS_FROM_WORDPRESS = new Map<string, Content["status"]>([
  ["publish", "published"],
  ["private", "published"],
  ["future", "scheduled"],
  ["draft", "draft"],
  ["pending", "review"],
]);

/** The SEO plugins whose keys to read, and our row (its SEO fields stay when WordPress has none). */
type SeoContext = { plugins: SeoPlugin[]; row?: Row };

type Prepared = { post: WpPost; values: NewContent; fields: HashableContent; taxonomyIds: string[]; mediaId: number | null };

/** The item as the new base of conflict detection (a new row's is built by the insert itself). */
const withBaseSnapshot = (prepared: Prepared): NewContent => ({ ...prepared.values, baseSnapshot: toVersion(prepared.fields) });

/** A pull's mutable state: the term index (refreshed once when unknown term ids show up). */
export type PullState = { terms: TermIndex; refreshedTerms: boolean };

type Row = Awaited<ReturnType<typeof getContentByWordpressIds>>[number];

function prepare(
  ctx: SyncContext,
  state: PullState,
  contentType: Content["contentType"],
  post: WpPost,
  seo: SeoContext,
): Prepared {
  const remote = fromWordPressPost(post, contentType);
  // SEO fields WordPress does not state (no IGNY8 plugin) stay as they are here, in the hash too.
  const pulledSeo = pulledSeoOf(post.meta, seo.plugins);
  const categories = remote.categoryIds.map((id) => state.terms.get(`category:${id}`)).filter((t) => !!t);
  const tags = remote.tagIds.map((id) => state.terms.get(`tag:${id}`)).filter((t) => !!t);
  const featuredImageUrl = remote.featuredMediaId ? ctx.mediaUrls.get(remote.featuredMediaId) || null : null;
  const fields: HashableContent = {
    title: remote.title,
    content: remote.content,
    excerpt: remote.excerpt,
    slug: remote.slug,
    categories: categories.map((t) => t.name),
    tags: tags.map((t) => t.name),
    featuredImageUrl,
    seo: pulledSeo ?? (seo.row ? seoOf(seo.row) : null),
  };
  const hash = contentHash(fields);
  const now = new Date();
  const dateGmt = remote.dateGmt ? new Date(remote.dateGmt) : null;
  return {
    post,
    mediaId: remote.featuredMediaId,
    fields,
    taxonomyIds: [...categories, ...tags].map((t) => t.id),
    values: {
      accountId: ctx.accountId,
      siteId: ctx.site.id,
      contentType,
      title: remote.title,
      content: remote.content,
      excerpt: remote.excerpt,
      slug: remote.slug,
      status: STATUS_FROM_WORDPRESS.get(remote.remoteStatus) ?? "draft",
      featuredImageUrl,
      ...(pulledSeo && seoColumnsOf(pulledSeo)),
      wordpressId: post.id,
      wordpressUrl: remote.link || null,
      wordpressStatus: remote.remoteStatus,
      modifiedGmt: post.modified_gmt ?? null,
      contentHash: hash,
      baseHash: hash,
      baseModifiedGmt: post.modified_gmt ?? null,
      syncState: "synced",
      lastSyncedAt: now,
      publishedAt: remote.remoteStatus === "publish" ? dateGmt : null,
      scheduledAt: remote.remoteStatus === "future" ? dateGmt : null,
    },
  };
}

function toPulledItem({ values, post, mediaId, taxonomyIds, fields: { categories, tags } }: Prepared): PulledItem {
  return {
    wordpressId: post.id,
    contentType: values.contentType!,
    title: values.title!,
    content: values.content!,
    excerpt: values.excerpt!,
    slug: values.slug!,
    status: values.status!,
    featuredImageUrl: values.featuredImageUrl ?? null,
    featuredMediaId: mediaId,
    wordpressUrl: values.wordpressUrl ?? null,
    wordpressStatus: values.wordpressStatus!,
    modifiedGmt: values.modifiedGmt ?? null,
    contentHash: values.contentHash!,
    publishedAt: values.publishedAt?.toISOString() ?? null,
    scheduledAt: values.scheduledAt?.toISOString() ?? null,
    ...seoOf(values),
    categories,
    tags,
    taxonomyIds,
  };
}

/**
 * Stores a page of WordPress items: new ones are inserted, changed ones (another modified_gmt)
 * updated, unchanged ones not written at all; trashed ones are marked; an item edited on both
 * sides is marked as a conflict and left as it is. One sync event per item touched.
 */
export async function applyPulledPosts(
  ctx: SyncContext,
  state: PullState,
  contentType: Content["contentType"],
  posts: WpPost[],
): Promise<Array<{ wordpressId: number; contentId?: string; action: PulledAction }>> {
  if (!posts.length) return [];
  const scope = { accountId: ctx.accountId, siteId: ctx.site.id };
  const existing = new Map((await getContentByWordpressIds(ctx.db, { ...scope, wordpressIds: posts.map((p) => p.id) })).map((r) => [r.wordpressId!, r]));
  const changed = posts.filter((p) => {
    const row = existing.get(p.id);
    // A webhook says the post changed: WordPress keeps modified_gmt to the second, so an edit in the
    // same second as the last one is found by comparing the content itself (below), not the time.
    if (ctx.eventType === "webhook") return true;
    return !row || row.modifiedGmt !== (p.modified_gmt ?? null) || (p.status === "trash") !== (row.syncState === "remote_trashed");
  });
  if (!changed.length) return posts.map((p) => ({ wordpressId: p.id, contentId: existing.get(p.id)?.id, action: "unchanged" as const }));

  const live = changed.filter((p) => p.status !== "trash");
  const knowsAllTerms = live.every((p) => [...(p.categories ?? []).map((id) => `category:${id}`), ...(p.tags ?? []).map((id) => `tag:${id}`)].every((k) => state.terms.has(k)));
  if (!knowsAllTerms && !state.refreshedTerms) {
    state.terms = await pullTaxonomies(ctx);
    state.refreshedTerms = true;
  }
  await resolveMediaUrls(ctx, live.map((p) => p.featured_media ?? 0));
  const seoPlugins = await seoPluginsOf(ctx);

  const results: Array<{ wordpressId: number; contentId?: string; action: PulledAction }> = [];
  const events: NewSyncEvent[] = [];
  const conflicts: ContentConflict[] = [];
  const event = (post: WpPost, contentId: string | undefined, action: PulledAction, extra: Partial<NewSyncEvent> = {}): NewSyncEvent => ({
    accountId: ctx.accountId,
    integrationId: ctx.integration.id,
    runId: ctx.runId,
    eventType: ctx.eventType ?? "content_pull",
    direction: "wp_to_igny8",
    contentType,
    contentId,
    externalId: post.id,
    status: "success",
    metadata: { action, modified_gmt: post.modified_gmt ?? null },
    ...extra,
  });

  // A page of new items is one statement, atomic by itself; anything else is one transaction.
  const onlyNew = changed.every((p) => !existing.has(p.id) && p.status !== "trash");
  const write = (fn: (tx: Executor) => Promise<void>) => (onlyNew ? fn(ctx.db) : ctx.db.transaction((tx) => fn(tx)));
  await write(async (tx) => {
    const inserts: Prepared[] = [];
    const links: Array<{ contentId: string; taxonomyIds: string[] }> = [];
    const featured: Array<{ contentId: string; url: string | null; mediaId: number | null }> = [];
    for (const post of changed) {
      const row = existing.get(post.id);
      if (post.status === "trash") {
        if (!row) continue; // never import what is already in the trash
        await updateSyncedContent(tx, { accountId: ctx.accountId, id: row.id }, { syncState: "remote_trashed", wordpressStatus: "trash", modifiedGmt: post.modified_gmt ?? null });
        events.push(event(post, row.id, "trashed"));
        results.push({ wordpressId: post.id, contentId: row.id, action: "trashed" });
        continue;
      }
      const prepared = prepare(ctx, state, contentType, post, { plugins: seoPlugins, row });
      if (!row) {
        inserts.push(prepared);
        continue;
      }
      const isSameAsBase =
        row.baseHash === prepared.values.contentHash && row.modifiedGmt === (post.modified_gmt ?? null) && row.wordpressStatus === post.status && row.syncState !== "remote_trashed";
      if (isSameAsBase) {
        results.push({ wordpressId: post.id, contentId: row.id, action: "unchanged" });
        continue;
      }
      // Edited here since the last sync (hash moved, or waiting to be pushed): both sides changed.
      if ((row.contentHash && row.baseHash && row.contentHash !== row.baseHash) || row.syncState === "pending" || row.syncState === "conflict") {
        const conflict = await recordPulledConflict(tx, ctx, row.id, withBaseSnapshot(prepared));
        conflicts.push(conflict);
        events.push(event(post, row.id, "conflict", { eventType: "conflict", status: "pending", metadata: { action: "conflict", modified_gmt: post.modified_gmt ?? null, conflict_id: conflict.id, detected_by: conflict.detectedBy } }));
        results.push({ wordpressId: post.id, contentId: row.id, action: "conflict" });
        continue;
      }
      const { accountId: _a, siteId: _s, ...values } = withBaseSnapshot(prepared);
      await updateSyncedContent(tx, { accountId: ctx.accountId, id: row.id }, values);
      links.push({ contentId: row.id, taxonomyIds: prepared.taxonomyIds });
      featured.push({ contentId: row.id, url: prepared.values.featuredImageUrl ?? null, mediaId: prepared.mediaId });
      events.push(event(post, row.id, "updated"));
      results.push({ wordpressId: post.id, contentId: row.id, action: "updated" });
    }
    const inserted = await insertPulledItems(tx, { ...scope, integrationId: ctx.integration.id, runId: ctx.runId ?? null, eventType: ctx.eventType ?? "content_pull", items: inserts.map(toPulledItem) });
    const idByWp = new Map(inserted.map((r) => [r.wordpressId, r.id]));
    for (const prepared of inserts) {
      const contentId = idByWp.get(prepared.post.id);
      if (!contentId) continue; // inserted meanwhile by a concurrent import: that one wins
      results.push({ wordpressId: prepared.post.id, contentId, action: "created" });
    }
    await replaceContentTerms(tx, links);
    await replacePulledFeaturedImages(tx, { accountId: ctx.accountId, items: featured });
    await insertEvents(tx, events);
  });
  // Policies push or store outside the transaction (they talk to WordPress).
  for (const conflict of conflicts) await applyConflictPolicy(ctx, conflict);
  return results;
}
