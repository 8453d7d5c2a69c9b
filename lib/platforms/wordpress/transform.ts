import type { ItemFields, RemoteItem } from "@/lib/platforms/types";
import type { WpPost } from "@/lib/platforms/wordpress/schemas";
import { STATUS_TO_IGNY8 } from "./content-types";
import { seoFieldNames, type SeoFieldName, type SeoValues } from "@/lib/schemas/seo";

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
export function fromWordPressPost(
  post: WpPost,
  contentType?: string,
  seoPlugins: readonly SeoPlugin[] = [],
): RemoteItem {
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
    seo: pulledSeoOf(post.meta, seoPlugins),
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

/** The SEO plugins whose post meta the IGNY8 plugin registers for the REST API. */
export type SeoPlugin = "yoast" | "rank_math";

/** Each plugin's meta keys for our four SEO fields. */
export const SEO_META_KEYS: Record<SeoPlugin, Record<SeoFieldName, string>> = {
  yoast: {
    seo_title: "_yoast_wpseo_title",
    seo_description: "_yoast_wpseo_metadesc",
    focus_keyword: "_yoast_wpseo_focuskw",
    canonical_url: "_yoast_wpseo_canonical",
  },
  rank_math: {
    seo_title: "rank_math_title",
    seo_description: "rank_math_description",
    focus_keyword: "rank_math_focus_keyword",
    canonical_url: "rank_math_canonical_url",
  },
};

/** `_fields` entries that ask for exactly these meta keys (nothing else of `meta` crosses the wire). */
export const SEO_META_FIELDS = Object.values(SEO_META_KEYS).flatMap((keys) =>
  Object.values(keys).map((key) => `meta.${key}`),
);

/**
 * Where the SEO fields go: the active plugins' keys, or both plugins' keys when neither is active,
 * so that a later install of either finds them (each reads only its own keys).
 */
const targetsOf = (active: readonly SeoPlugin[]): SeoPlugin[] => (active.length ? [...active] : ["yoast", "rank_math"]);

/**
 * Our SEO fields as the `meta` of a post write. A field not set is sent as null, which makes
 * WordPress delete the key: clearing a field here clears it there.
 */
export function toWordPressSeoMeta(seo: SeoValues, active: readonly SeoPlugin[]): Record<string, string | null> {
  const meta: Record<string, string | null> = {};
  for (const plugin of targetsOf(active)) {
    for (const field of seoFieldNames) meta[SEO_META_KEYS[plugin][field]] = seo[field] || null;
  }
  return meta;
}

/**
 * The SEO fields of a post read with the SEO meta keys, taken from the active plugin's keys (per
 * field, the first active plugin with a value; both when neither is active, Yoast first).
 * Undefined when the post carries none of the keys: the IGNY8 plugin is not there to expose them,
 * so WordPress says nothing about them (which is not the same as "cleared").
 */
export function fromWordPressSeoMeta(meta: unknown, active: readonly SeoPlugin[]): SeoValues | undefined {
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return undefined;
  const values = meta as Record<string, unknown>;
  const plugins = targetsOf(active);
  const hasKeys = plugins.some((plugin) => seoFieldNames.some((field) => SEO_META_KEYS[plugin][field] in values));
  if (!hasKeys) return undefined;
  const read = (field: SeoFieldName) => {
    for (const plugin of plugins) {
      const value = values[SEO_META_KEYS[plugin][field]];
      if (typeof value === "string" && value.trim()) return withoutNul(value.trim());
    }
    return null;
  };
  return {
    seo_title: read("seo_title"),
    seo_description: read("seo_description"),
    focus_keyword: read("focus_keyword"),
    canonical_url: read("canonical_url"),
  };
}

/** What a status document of the IGNY8 plugin says about SEO fields. */
export type SeoSupport =
  { canWrite: true; plugins: SeoPlugin[] } | { canWrite: false; reason: "no_plugin" | "old_plugin" };

/**
 * `GET /igny8/v1/status` (null: no plugin) as what a push can do with SEO fields. Plugins before
 * 1.2.0 register no SEO meta, so WordPress would drop the keys silently.
 */
export function seoSupportOf(status: { seo?: { meta?: unknown; active?: unknown } } | null): SeoSupport {
  if (!status) return { canWrite: false, reason: "no_plugin" };
  if (!status.seo || status.seo.meta !== true) return { canWrite: false, reason: "old_plugin" };
  const active = Array.isArray(status.seo.active) ? status.seo.active : [];
  return { canWrite: true, plugins: (["yoast", "rank_math"] as const).filter((p) => active.includes(p)) };
}

/**
 * The SEO fields a pulled post states, or undefined when it states none: no plugin, or all four
 * empty. A site that has just installed the plugin answers empty keys for posts whose fields IGNY8
 * kept; taking those would erase them there. So clearing all four in WordPress is not pulled (the
 * next push sends ours again); clearing some of them is.
 */
export function pulledSeoOf(meta: unknown, plugins: readonly SeoPlugin[]): SeoValues | undefined {
  const seo = fromWordPressSeoMeta(meta, plugins);
  return seo && Object.values(seo).some(Boolean) ? seo : undefined;
}
