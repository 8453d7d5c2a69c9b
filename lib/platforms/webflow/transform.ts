import "server-only";
import type { ItemFields, RemoteItem, RemoteItemStatus } from "@/lib/platforms/types";
import type { FieldMap, WebflowItem } from "./schemas";

/**
 * Webflow's item states (developers.webflow.com/data/docs/working-with-the-cms/publishing):
 * published = lastPublished set and not a draft; changes in draft = published, staged copy is a
 * draft; draft = never published; queued = not a draft, not published yet.
 */
export function remoteStatusOf(item: WebflowItem): { status: RemoteItemStatus; remoteStatus: string } {
  if (item.isArchived) return { status: "draft", remoteStatus: "archived" };
  if (item.lastPublished && !item.isDraft) return { status: "published", remoteStatus: "published" };
  if (item.lastPublished) return { status: "published", remoteStatus: "changes_in_draft" };
  if (item.isDraft === false) return { status: "draft", remoteStatus: "queued_to_publish" };
  return { status: "draft", remoteStatus: "draft" };
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []);

/** A slug Webflow accepts: lowercase letters, digits and single hyphens. */
export function slugify(input: string): string {
  const slug = input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
  return slug || "item";
}

/** A Webflow item in IGNY8's words; `version` is its lastUpdated. */
export function toRemoteItem(
  item: WebflowItem,
  map: FieldMap,
  ctx: { siteUrl: string; collectionSlug?: string },
): RemoteItem {
  const data = item.fieldData ?? {};
  const { status, remoteStatus } = remoteStatusOf(item);
  const slug = text(data.slug);
  const image = map.image ? (data[map.image] as { fileId?: string; url?: string } | null | undefined) : undefined;
  const seoTitle = map.seo_title ? text(data[map.seo_title]) : "";
  const seoDescription = map.seo_description ? text(data[map.seo_description]) : "";
  const base = ctx.siteUrl.replace(/\/+$/, "");
  return {
    externalId: String(item.id),
    contentType: "post",
    title: text(data.name),
    content: text(data[map.body]),
    excerpt: map.summary ? text(data[map.summary]) : "",
    slug,
    status,
    remoteStatus,
    isTrashed: !!item.isArchived,
    publishedAt: item.lastPublished ?? null,
    scheduledAt: null,
    categoryIds: map.categories ? ids(data[map.categories]) : [],
    tagIds: map.tags ? ids(data[map.tags]) : [],
    featuredMediaId: image?.fileId ?? image?.url ?? null,
    version: item.lastUpdated ?? null,
    url: item.lastPublished && ctx.collectionSlug && base ? `${base}/${ctx.collectionSlug}/${slug}` : "",
    ...(map.seo_title || map.seo_description
      ? {
          seo: {
            seo_title: seoTitle || null,
            seo_description: seoDescription || null,
            focus_keyword: null,
            canonical_url: null,
          },
        }
      : {}),
  };
}

/** What a push writes into fieldData, by the connection's map. */
export function toFieldData(
  fields: ItemFields,
  map: FieldMap,
  refs: { categories: unknown; tags: unknown; image: unknown },
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    name: fields.title,
    slug: fields.slug || slugify(fields.title),
    [map.body]: fields.content,
  };
  if (map.summary) data[map.summary] = fields.excerpt;
  if (map.categories) data[map.categories] = refs.categories;
  if (map.tags) data[map.tags] = refs.tags;
  if (map.image && refs.image !== undefined) data[map.image] = refs.image;
  if (fields.seo && map.seo_title) data[map.seo_title] = fields.seo.seo_title ?? "";
  if (fields.seo && map.seo_description) data[map.seo_description] = fields.seo.seo_description ?? "";
  if (map.publish_date && (fields.scheduledAt || fields.status === "published"))
    data[map.publish_date] = fields.scheduledAt ?? new Date().toISOString();
  return data;
}
