import type { ItemFields, RemoteItem } from "@/lib/platforms/types";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";
import { STATUS_TO_IGNY8 } from "./content-types";
/** Pure mapping between WordPress post JSON and our content fields. No I/O here. */

// A Map: "&constructor;" in a title must stay as it is, not find Object.prototype.constructor.
const NAMED_ENTITIES = new Map(
  Object.entries({
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    nbsp: "\u00a0",
    hellip: "…",
    ndash: "–",
    mdash: "—",
    lsquo: "‘",
    rsquo: "’",
    ldquo: "“",
    rdquo: "”",
  }),
);

/** Decodes the HTML entities WordPress puts in `rendered` titles (`&#038;`, `&#8217;`, `&amp;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES.get(entity.toLowerCase()) ?? whole;
  });
}

function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** WordPress `*_gmt` dates have no zone suffix; ours are ISO 8601 UTC with `Z`. */
export function wpGmtToIso(value: string | null | undefined): string {
  if (!value) return "";
  return `${value.slice(0, 19)}Z`;
}

/** Our ISO date to the zone-less UTC form WordPress expects in `date_gmt`. */
export function isoToWpGmt(value: string): string {
  return new Date(value).toISOString().slice(0, 19);
}

/**
 * WordPress keeps NUL characters an administrator (unfiltered_html) saves in a title, excerpt or
 * content and sends them back as `\u0000`; PostgreSQL text and jsonb cannot store them, so they
 * are dropped from pulled posts (they render as nothing in a browser anyway).
 */
export const withoutNul = (text: string) => (text.includes("\u0000") ? text.replaceAll("\u0000", "") : text);

/**
 * A WordPress post (edit context preferred: `raw` keeps block markup and unescaped titles; view
 * context falls back to `rendered`) as a remote item. `contentType` is the post type slug.
 */
export function fromWordPressPost(post: WpPost, contentType?: string): RemoteItem {
  const remoteStatus = withoutNul(post.status ?? "publish");
  const date = post.date_gmt ? wpGmtToIso(post.date_gmt) : null;
  return {
    externalId: String(post.id),
    contentType: contentType ?? post.type ?? "post",
    title: withoutNul(post.title?.raw ?? decodeEntities(post.title?.rendered ?? "")),
    content: withoutNul(post.content?.raw ?? post.content?.rendered ?? ""),
    excerpt: withoutNul(post.excerpt?.raw ?? htmlToText(post.excerpt?.rendered ?? "")),
    slug: withoutNul(post.slug ?? ""),
    status: STATUS_TO_IGNY8.get(remoteStatus) ?? "draft",
    remoteStatus,
    isTrashed: remoteStatus === "trash",
    publishedAt: remoteStatus === "publish" ? date : null,
    scheduledAt: remoteStatus === "future" ? date : null,
    categoryIds: (post.categories ?? []).map(String),
    tagIds: (post.tags ?? []).map(String),
    featuredMediaId: post.featured_media ? String(post.featured_media) : null,
    version: post.modified_gmt ?? null,
    url: withoutNul(post.link ?? ""),
  };
}

const WP_STATUS: Record<ItemFields["status"], string> = { published: "publish", draft: "draft", scheduled: "future" };

/**
 * Our fields as a `POST /wp/v2/<rest_base>` body. Only given fields are sent, so a partial update
 * leaves the rest alone; `featuredMediaId: null` removes the featured image.
 */
export function toWordPressPayload(fields: Partial<ItemFields>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (fields.title !== undefined) payload.title = fields.title;
  if (fields.content !== undefined) payload.content = fields.content;
  if (fields.excerpt !== undefined) payload.excerpt = fields.excerpt;
  if (fields.slug !== undefined && fields.slug !== "") payload.slug = fields.slug;
  if (fields.status !== undefined) payload.status = WP_STATUS[fields.status];
  if (fields.status === "scheduled" && fields.scheduledAt) payload.date_gmt = isoToWpGmt(fields.scheduledAt);
  if (fields.categoryIds !== undefined) payload.categories = fields.categoryIds.map(Number);
  if (fields.tagIds !== undefined) payload.tags = fields.tagIds.map(Number);
  if (fields.featuredMediaId !== undefined)
    payload.featured_media = fields.featuredMediaId === null ? 0 : Number(fields.featuredMediaId);
  return payload;
}
