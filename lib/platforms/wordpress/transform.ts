import type { ContentFields, RemoteContent } from "@/lib/platforms/types";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";

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
  return decodeEntities(html.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
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

const STATUSES: ReadonlyArray<ContentFields["status"]> = ["publish", "draft", "pending", "private", "future"];

/**
 * A WordPress post (edit context preferred: `raw` keeps block markup and unescaped titles; view
 * context falls back to `rendered`) as our content. `contentType` is the post type slug.
 */
export function fromWordPressPost(post: WpPost, contentType?: string): RemoteContent {
  const remoteStatus = withoutNul(post.status ?? "publish");
  return {
    externalId: post.id,
    contentType: contentType ?? post.type ?? "post",
    title: withoutNul(post.title?.raw ?? decodeEntities(post.title?.rendered ?? "")),
    content: withoutNul(post.content?.raw ?? post.content?.rendered ?? ""),
    excerpt: withoutNul(post.excerpt?.raw ?? htmlToText(post.excerpt?.rendered ?? "")),
    slug: withoutNul(post.slug ?? ""),
    status: (STATUSES as readonly string[]).includes(remoteStatus) ? (remoteStatus as ContentFields["status"]) : "draft",
    remoteStatus,
    dateGmt: post.date_gmt ? wpGmtToIso(post.date_gmt) : undefined,
    categoryIds: post.categories ?? [],
    tagIds: post.tags ?? [],
    featuredMediaId: post.featured_media ? post.featured_media : null,
    modifiedGmt: wpGmtToIso(post.modified_gmt),
    link: withoutNul(post.link ?? ""),
  };
}

/**
 * Our fields as a `POST /wp/v2/<rest_base>` body. Only given fields are sent, so a partial update
 * leaves the rest alone; `featuredMediaId: null` removes the featured image.
 */
export function toWordPressPayload(fields: Partial<ContentFields>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (fields.title !== undefined) payload.title = fields.title;
  if (fields.content !== undefined) payload.content = fields.content;
  if (fields.excerpt !== undefined) payload.excerpt = fields.excerpt;
  if (fields.slug !== undefined && fields.slug !== "") payload.slug = fields.slug;
  if (fields.status !== undefined) payload.status = fields.status;
  if (fields.dateGmt) payload.date_gmt = isoToWpGmt(fields.dateGmt);
  if (fields.categoryIds !== undefined) payload.categories = fields.categoryIds;
  if (fields.tagIds !== undefined) payload.tags = fields.tagIds;
  if (fields.featuredMediaId !== undefined) payload.featured_media = fields.featuredMediaId ?? 0;
  return payload;
}
