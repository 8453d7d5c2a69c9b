import "server-only";
import type { ItemFields, RemoteItem } from "@/lib/platforms/types";
import type { ArticleNode, PageNode, ProductNode } from "./schemas";

/** Our content types and Shopify's resource behind each. */
export const RESOURCE = { post: "Article", page: "Page", product: "Product" } as const;
export type ShopifyContentType = keyof typeof RESOURCE;

export function isContentType(value: string): value is ShopifyContentType {
  return value in RESOURCE;
}

/** Our ids are the numeric tail of Shopify's GIDs (`gid://shopify/Article/42` → "42"). */
export const toGid = (resource: string, id: string) =>
  id.startsWith("gid://") ? id : `gid://shopify/${resource}/${id}`;
export const fromGid = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/** Where our own id is kept on items we created (exactly-once creates). */
export const REF_METAFIELD = { namespace: "igny8", key: "ref", type: "single_line_text_field" } as const;
/** SEO title and description of articles and pages (they have no `seo` field). */
export const SEO_METAFIELDS = {
  seo_title: { namespace: "global", key: "title_tag", type: "single_line_text_field" },
  seo_description: { namespace: "global", key: "description_tag", type: "multi_line_text_field" },
} as const;

/**
 * Shopify's publication as our status: visible → published; hidden with a publish date still to
 * come → scheduled; hidden → draft (Shopify calls it "hidden").
 */
export function statusOf(node: { isPublished: boolean; publishedAt: string | null }, now = Date.now()) {
  if (node.isPublished) return { status: "published" as const, remoteStatus: "published", scheduledAt: null };
  if (node.publishedAt && Date.parse(node.publishedAt) > now)
    return { status: "scheduled" as const, remoteStatus: "scheduled", scheduledAt: node.publishedAt };
  return { status: "draft" as const, remoteStatus: "hidden", scheduledAt: null };
}

const seoOf = (node: { seoTitle?: { value: string } | null; seoDescription?: { value: string } | null }) => ({
  seo_title: node.seoTitle?.value ?? null,
  seo_description: node.seoDescription?.value ?? null,
  focus_keyword: null,
  canonical_url: null,
});

/**
 * An article as our item. Tags are names (Shopify has no term objects); with `categoriesAs: "blog"`
 * the blog is the category. The featured image's id is its URL (Shopify's article image has no file id).
 */
export function articleToItem(node: ArticleNode, siteUrl: string, categoriesAs: "tags" | "blog" = "tags"): RemoteItem {
  const { status, remoteStatus, scheduledAt } = statusOf(node);
  return {
    externalId: fromGid(node.id),
    contentType: "post",
    title: node.title,
    content: node.body,
    excerpt: node.summary ?? "",
    slug: node.handle,
    status,
    remoteStatus,
    isTrashed: false,
    publishedAt: status === "published" ? node.publishedAt : null,
    scheduledAt,
    categoryIds: categoriesAs === "blog" ? [fromGid(node.blog.id)] : [],
    tagIds: node.tags,
    featuredMediaId: node.image?.url ?? null,
    version: node.updatedAt ?? node.createdAt,
    url: status === "published" ? new URL(`/blogs/${node.blog.handle}/${node.handle}`, siteUrl).toString() : "",
    seo: seoOf(node),
  };
}

export function pageToItem(node: PageNode, siteUrl: string): RemoteItem {
  const { status, remoteStatus, scheduledAt } = statusOf(node);
  return {
    externalId: fromGid(node.id),
    contentType: "page",
    title: node.title,
    content: node.body,
    excerpt: "",
    slug: node.handle,
    status,
    remoteStatus,
    isTrashed: false,
    publishedAt: status === "published" ? node.publishedAt : null,
    scheduledAt,
    categoryIds: [],
    tagIds: [],
    featuredMediaId: null,
    version: node.updatedAt,
    url: status === "published" ? new URL(`/pages/${node.handle}`, siteUrl).toString() : "",
    seo: seoOf(node),
  };
}

/** A product as our item: its description and SEO; ARCHIVED products are kept but not live (trashed). */
export function productToItem(node: ProductNode): RemoteItem {
  const status = node.status === "ACTIVE" ? "published" : "draft";
  return {
    externalId: fromGid(node.id),
    contentType: "product",
    title: node.title,
    content: node.descriptionHtml,
    excerpt: "",
    slug: node.handle,
    status,
    remoteStatus: node.status.toLowerCase(),
    isTrashed: node.status === "ARCHIVED",
    publishedAt: status === "published" ? node.publishedAt : null,
    scheduledAt: null,
    categoryIds: [],
    tagIds: node.tags,
    featuredMediaId: null,
    version: node.updatedAt,
    url: node.onlineStoreUrl ?? "",
    seo: { seo_title: node.seo.title, seo_description: node.seo.description, focus_keyword: null, canonical_url: null },
  };
}

/** isPublished / publishDate for our status (scheduled: published from a future date). */
export function publicationInput(fields: ItemFields) {
  if (fields.status === "published") return { isPublished: true };
  if (fields.status === "scheduled" && fields.scheduledAt)
    return { isPublished: true, publishDate: fields.scheduledAt };
  return { isPublished: false };
}

/** SEO metafields to set, and the ones to delete (null clears; a metafield value cannot be blank). */
export function seoMetafields(fields: ItemFields) {
  const set: Array<{ namespace: string; key: string; type: string; value: string }> = [];
  const clear: Array<{ namespace: string; key: string }> = [];
  if (!fields.seo) return { set, clear };
  for (const name of ["seo_title", "seo_description"] as const) {
    const value = fields.seo[name];
    const { namespace, key, type } = SEO_METAFIELDS[name];
    if (value) set.push({ namespace, key, type, value });
    else clear.push({ namespace, key });
  }
  return { set, clear };
}

/** Tags to send: our tags, plus categories when they map to tags; no duplicates. */
export function tagsOf(fields: ItemFields, categoriesAs: "tags" | "blog"): string[] {
  return [...new Set([...fields.tagIds, ...(categoriesAs === "tags" ? fields.categoryIds : [])])];
}
