import "server-only";
import { readMarker } from "./marker";
import type { ItemFields, RemoteItem, RemoteItemStatus } from "@/lib/platforms/types";
import type { GhostPost } from "./schemas";

/** Which IGNY8 terms lead a post's Ghost tags (the first tag is Ghost's primary tag). */
export type PrimaryTag = "category" | "tag";

/**
 * Ghost's statuses in IGNY8's words. `sent` is an email-only newsletter post: delivered, so
 * published for IGNY8, and read-only (the adapter's `readOnlyStatuses`: a write would put it on the web).
 */
export function statusOf(ghostStatus: string): RemoteItemStatus {
  if (ghostStatus === "published" || ghostStatus === "sent") return "published";
  if (ghostStatus === "scheduled") return "scheduled";
  return "draft";
}

/**
 * A feature image as a media id: Ghost has no media library ids, so the id is the image's URL,
 * with its alt text in the fragment (never sent to a server) so a push can write both.
 */
export function mediaIdOf(url: string, alt?: string | null): string {
  return alt ? `${url}#alt=${encodeURIComponent(alt)}` : url;
}

/** The URL and alt text a media id holds (see mediaIdOf). */
export function readMediaId(id: string): { url: string; alt: string | null } {
  const hash = id.indexOf("#alt=");
  if (hash < 0) return { url: id, alt: null };
  return { url: id.slice(0, hash), alt: decodeURIComponent(id.slice(hash + 5)) };
}

/**
 * Which of a post's tags are our categories: as many as IGNY8's marker says when it wrote the
 * post, else (a post made in Ghost) its primary tag when categories lead.
 */
function splitTags(post: GhostPost, primary: PrimaryTag): { categoryIds: string[]; tagIds: string[] } {
  const ids = (post.tags ?? []).map((t) => t.id);
  const marked = readMarker(post.codeinjection_foot)?.categories;
  const count = Math.min(marked ?? (primary === "category" && ids.length > 0 ? 1 : 0), ids.length);
  return primary === "category"
    ? { categoryIds: ids.slice(0, count), tagIds: ids.slice(count) }
    : { categoryIds: ids.slice(ids.length - count), tagIds: ids.slice(0, ids.length - count) };
}

/** A post or page from the Admin API (`formats=html`) as a RemoteItem. */
export function fromGhostPost(post: GhostPost, contentType: string, primary: PrimaryTag = "category"): RemoteItem {
  const status = statusOf(post.status);
  const { categoryIds, tagIds } = splitTags(post, primary);
  const isLive = post.status === "published" || post.status === "sent";
  return {
    externalId: post.id,
    contentType,
    title: post.title ?? "",
    content: post.html ?? "",
    excerpt: post.custom_excerpt ?? "",
    slug: post.slug,
    status,
    remoteStatus: post.status,
    isTrashed: false,
    publishedAt: isLive ? (post.published_at ?? null) : null,
    scheduledAt: post.status === "scheduled" ? (post.published_at ?? null) : null,
    categoryIds,
    tagIds,
    featuredMediaId: post.feature_image ? mediaIdOf(post.feature_image, post.feature_image_alt) : null,
    version: post.updated_at ?? null,
    // Drafts and scheduled posts only have a preview address (/p/<uuid>/), which is not public.
    url: post.status === "published" ? (post.url ?? "") : "",
    seo: {
      seo_title: post.meta_title ?? null,
      seo_description: post.meta_description ?? null,
      focus_keyword: null,
      canonical_url: post.canonical_url ?? null,
    },
  };
}

/** The Ghost fields SEO values are written to (`seo()` targets). */
export const SEO_TARGETS = [
  "meta_title",
  "meta_description",
  "canonical_url",
  "og_title",
  "og_description",
  "twitter_title",
  "twitter_description",
] as const;

/**
 * A post's Ghost tags from our categories and tags (categories first when they lead: the primary
 * tag), each once, and how many of them are categories (kept in the post's marker).
 */
export function ghostTagsOf(fields: Pick<ItemFields, "categoryIds" | "tagIds">, primary: PrimaryTag = "category") {
  const ordered =
    primary === "category" ? [...fields.categoryIds, ...fields.tagIds] : [...fields.tagIds, ...fields.categoryIds];
  const ids = [...new Set(ordered)];
  const categories = new Set(fields.categoryIds);
  const tags = new Set(fields.tagIds);
  // A term that is both keeps its place in the leading kind.
  const counted = ids.filter((id) => categories.has(id) && (primary === "category" || !tags.has(id)));
  return { ids, categories: counted.length };
}

/**
 * Our fields as a Ghost post body (sent with `?source=html`). Tags go as ids, the whole list
 * every time (Ghost replaces it on update); the first is the primary tag.
 */
export function toGhostPost(fields: ItemFields, primary: PrimaryTag = "category"): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: fields.title,
    html: fields.content,
    custom_excerpt: fields.excerpt || null,
    status: fields.status,
    tags: ghostTagsOf(fields, primary).ids.map((id) => ({ id })),
  };
  if (fields.slug) body.slug = fields.slug;
  if (fields.status === "scheduled") body.published_at = fields.scheduledAt ?? null;
  if (fields.featuredMediaId !== undefined) {
    const image = fields.featuredMediaId ? readMediaId(fields.featuredMediaId) : null;
    body.feature_image = image?.url ?? null;
    body.feature_image_alt = image?.alt ?? null;
  }
  if (fields.seo) {
    const { seo_title: title, seo_description: description, canonical_url: canonical } = fields.seo;
    Object.assign(body, {
      meta_title: title,
      meta_description: description,
      canonical_url: canonical,
      og_title: title,
      og_description: description,
      twitter_title: title,
      twitter_description: description,
    });
  }
  return body;
}
