import { z } from "zod";
import { acceptingReadOnly, paginationQuerySchema, strictBody } from "./common";
import { seoInputFields, seoOutputFields } from "./seo";

export const contentTypes = ["post", "page", "product"] as const;
export const contentStatuses = ["draft", "review", "approved", "scheduled", "published"] as const;
/** Statuses a person may set; "published" is set by publishing to WordPress. */
export const editableStatuses = ["draft", "review", "approved", "scheduled"] as const;
export const syncStates = [
  "local",
  "pending",
  "synced",
  "failed",
  "conflict",
  "remote_trashed",
  "remote_deleted",
] as const;

export const contentTypeSchema = z.enum(contentTypes, { message: `must be one of: ${contentTypes.join(", ")}` });
export const contentStatusSchema = z.enum(contentStatuses, {
  message: `must be one of: ${contentStatuses.join(", ")}`,
});

export const PUBLISHED_BY_WORDPRESS = "published is set by publishing to WordPress";
const statusInputSchema = z
  .string({ message: "must be a string" })
  .refine((v) => v !== "published", PUBLISHED_BY_WORDPRESS)
  .pipe(z.enum(editableStatuses, { message: `must be one of: ${editableStatuses.join(", ")}` }));

/**
 * WordPress-style slug: lowercase letters, digits and single hyphens, and what WordPress itself
 * makes of other titles (underscores, and letters beyond ASCII percent-encoded, like %e6%97%a5).
 */
export const slugSchema = z
  .string({ message: "must be a string" })
  .trim()
  .max(200, "must be 200 characters or less")
  .regex(
    /^$|^(?:[a-z0-9_]|%[0-9a-f]{2})+(?:-(?:[a-z0-9_]|%[0-9a-f]{2})+)*$/,
    "must be lowercase letters, digits and hyphens, like my-first-post",
  )
  // A name, not a lookup key, but the one every JavaScript object answers to: never stored.
  .refine((slug) => slug !== "__proto__", "__proto__ is a reserved name; choose another slug");

/** Lowercase ASCII slug from any text ("Café Tips!" → "cafe-tips"); "" when nothing is left. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200)
    .replace(/-+$/, "");
}

export const TERM_NEEDS_LETTER = "each name needs at least one letter or digit";
/** Term names as sent; a name the item does not have yet also needs a letter or digit (its slug). */
const anyTermNamesSchema = z
  .array(
    z
      .string({ message: "must be a list of names" })
      .trim()
      .min(1, "names must not be empty")
      .max(200, "names must be 200 characters or less"),
    {
      message: "must be a list of names",
    },
  )
  .max(50, "must be 50 names or fewer");
const termNamesSchema = anyTermNamesSchema.refine(
  (names) => names.every((name) => slugify(name) !== ""),
  TERM_NEEDS_LETTER,
);

/** An image address WordPress can download: http(s), no credentials, kept exactly as given. */
export const imageUrlSchema = z
  .string({ message: "must be a string" })
  .trim()
  .max(2048, "is too long")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, "must be a full http:// or https:// address, like https://example.com/image.jpg");

const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 date and time, like 2030-01-31T09:00:00Z",
});

const contentFields = {
  title: z.string({ message: "is required" }).trim().min(1, "is required").max(500, "must be 500 characters or less"),
  content: z.string({ message: "must be a string" }).max(500_000, "must be 500,000 characters or less"),
  excerpt: z.string({ message: "must be a string" }).max(5_000, "must be 5,000 characters or less"),
  slug: slugSchema,
  content_type: contentTypeSchema,
  status: statusInputSchema,
  categories: termNamesSchema,
  tags: termNamesSchema,
  featured_image_url: imageUrlSchema.nullable(),
  scheduled_at: isoDateTimeSchema.nullable(),
  ...seoInputFields,
};

const needsDate = (v: { status?: string; scheduled_at?: string | null }) =>
  v.status !== "scheduled" || !!v.scheduled_at;
const scheduledIssue = { message: "is required when status is scheduled", path: ["scheduled_at"] };

export const createContentBodySchema = z
  .object({
    ...contentFields,
    content: contentFields.content.default(""),
    excerpt: contentFields.excerpt.default(""),
    slug: contentFields.slug.default(""),
    content_type: contentFields.content_type.default("post"),
    status: contentFields.status.default("draft"),
    categories: contentFields.categories.default([]),
    tags: contentFields.tags.default([]),
    featured_image_url: contentFields.featured_image_url.default(null),
    scheduled_at: contentFields.scheduled_at.default(null),
    // Left out: not set (null). Optional rather than a default: OpenAPI cannot show a transformed field's default.
    seo_title: contentFields.seo_title.optional(),
    seo_description: contentFields.seo_description.optional(),
    focus_keyword: contentFields.focus_keyword.optional(),
    canonical_url: contentFields.canonical_url.optional(),
  })
  .refine(needsDate, scheduledIssue);
export type CreateContentBody = z.infer<typeof createContentBodySchema>;

export const listContentQuerySchema = paginationQuerySchema.extend({
  status: contentStatusSchema.optional(),
  content_type: contentTypeSchema.optional(),
  search: z
    .string()
    .trim()
    .max(200, "must be 200 characters or less")
    .refine((v) => !v.includes("\u0000"), "contains a NUL character (\\u0000); remove it")
    .optional(),
});
export type ListContentQuery = z.infer<typeof listContentQuerySchema>;

/** One sync event as the content API shows it (the latest for an item). */
export const contentSyncEventSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  direction: z.string(),
  status: z.enum(["pending", "success", "failed"]),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  fix: z.string().nullable(),
  created_at: z.string(),
});
export type ContentSyncEventDto = z.infer<typeof contentSyncEventSchema>;

/** One destination of a content item: where it lives on one integration and how it stands there. */
export const contentReferenceSchema = z.object({
  integration_id: z.string(),
  platform: z.string(),
  /** The platform's id of the item; null while a first push is under way. */
  external_id: z.string().nullable(),
  url: z.string().nullable(),
  /** The platform's own status (WordPress publish/future/draft, Ghost published/sent, ...). */
  remote_status: z.string().nullable(),
  sync_state: z.enum(syncStates),
  last_synced_at: z.string().nullable(),
});
export type ContentReferenceDto = z.infer<typeof contentReferenceSchema>;

export const contentSchema = z.object({
  id: z.string(),
  site_id: z.string(),
  title: z.string(),
  content: z.string(),
  excerpt: z.string(),
  slug: z.string(),
  content_type: contentTypeSchema,
  status: contentStatusSchema,
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  featured_image_url: z.string().nullable(),
  scheduled_at: z.string().nullable(),
  ...seoOutputFields,
  approved_at: z.string().nullable(),
  /** Approved by the site's auto-approval rather than a person. */
  is_auto_approved: z.boolean(),
  published_at: z.string().nullable(),
  wordpress_id: z.number().nullable(),
  wordpress_url: z.string().nullable(),
  wordpress_status: z.string().nullable(),
  sync_state: z.enum(syncStates),
  last_synced_at: z.string().nullable(),
  /** Where the item lives: one entry per integration it was pushed to or pulled from. */
  references: z.array(contentReferenceSchema).default([]),
  created_at: z.string(),
  updated_at: z.string(),
  last_sync_event: contentSyncEventSchema.nullable(),
});
export type ContentDto = z.infer<typeof contentSchema>;

/**
 * PATCH: any subset of the editable fields; the rest of a GET answer (ids, approval, WordPress and
 * sync state, dates, last_sync_event) is read-only. A GET answer sent back unchanged also passes
 * where a pulled item's values are not ones a person could type: its empty title, its "published"
 * status, its term names without a letter or digit. Those are accepted here and checked against
 * the stored item (`updateContent`): only a change to them is refused.
 */
export const updateContentBodySchema = acceptingReadOnly(
  strictBody({
    ...contentFields,
    title: z.string({ message: "is required" }).trim().max(500, "must be 500 characters or less"),
    status: z.enum([...editableStatuses, "published"], { message: `must be one of: ${editableStatuses.join(", ")}` }),
    categories: anyTermNamesSchema,
    tags: anyTermNamesSchema,
  })
    .partial()
    .refine((v) => Object.keys(v).length > 0, {
      message: `send at least one of: ${Object.keys(contentFields).join(", ")}`,
    }),
  contentSchema,
);
export type UpdateContentBody = z.infer<typeof updateContentBodySchema>;
