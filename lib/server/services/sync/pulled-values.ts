import "server-only";
import type { Content, NewContent } from "@/db/tables";
import type { PulledItem } from "@/db/queries/content-pull";
import type { RemoteItem } from "@/lib/platforms/types";
import { toVersion } from "../conflicts-versions";
import { seoColumnsOf, seoOf } from "../content-seo";
import type { SyncContext } from "./context";
import { contentHash, type HashableContent } from "./hash";
import type { TermIndex } from "./taxonomies";

/** A remote item as our row: what a pull stores, and the fields it hashes. */

export type Prepared = { remote: RemoteItem; values: NewContent; fields: HashableContent; taxonomyIds: string[] };

/** The item's reference as a pull stores it: in sync, the pulled fields the new base of conflict detection. */
export const refValuesOf = ({ remote, values, fields }: Prepared) => ({
  externalId: remote.externalId,
  url: remote.url || null,
  remoteStatus: remote.remoteStatus,
  version: remote.version,
  baseHash: values.contentHash,
  baseVersion: remote.version,
  baseSnapshot: toVersion(fields),
  syncState: "synced" as const,
  lastSyncedAt: new Date(),
});

/** A pull's mutable state: the term index (refreshed once when unknown term ids show up). */
export type PullState = { terms: TermIndex; refreshedTerms: boolean };

export const termKeys = (remote: RemoteItem) => [
  ...remote.categoryIds.map((id) => `category:${id}`),
  ...remote.tagIds.map((id) => `tag:${id}`),
];

/** Our row's SEO fields: they stay as they are when the platform states none (no plugin). */
type StoredSeo = Parameters<typeof seoOf>[0];

export function prepare(
  ctx: SyncContext,
  state: PullState,
  contentType: Content["contentType"],
  remote: RemoteItem,
  row?: StoredSeo,
): Prepared {
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
    seo: remote.seo ?? (row ? seoOf(row) : null),
  };
  const hash = contentHash(fields);
  const toDate = (iso: string | null) => (iso ? new Date(iso) : null);
  return {
    remote,
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
      status: remote.status,
      featuredImageUrl,
      contentHash: hash,
      publishedAt: toDate(remote.publishedAt),
      scheduledAt: toDate(remote.scheduledAt),
      ...(remote.seo && seoColumnsOf(remote.seo)),
    },
  };
}

export function toPulledItem({ values, remote, taxonomyIds, fields: { categories, tags } }: Prepared): PulledItem {
  return {
    externalId: remote.externalId,
    contentType: values.contentType!,
    title: values.title!,
    content: values.content!,
    excerpt: values.excerpt!,
    slug: values.slug!,
    status: values.status!,
    featuredImageUrl: values.featuredImageUrl ?? null,
    featuredMediaId: remote.featuredMediaId || null,
    url: remote.url || null,
    remoteStatus: remote.remoteStatus,
    version: remote.version,
    contentHash: values.contentHash!,
    publishedAt: values.publishedAt?.toISOString() ?? null,
    scheduledAt: values.scheduledAt?.toISOString() ?? null,
    categories,
    tags,
    taxonomyIds,
    ...seoOf(values),
  };
}
