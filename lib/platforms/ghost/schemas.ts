import { z } from "zod";

/** Ghost's error envelope: `{"errors":[{message, context, type, code, …}]}`. */
export const ghostErrorsSchema = z.object({
  errors: z
    .array(
      z.looseObject({
        message: z.string().optional().default(""),
        context: z.string().nullish(),
        type: z.string().optional(),
        code: z
          .string()
          .nullish()
          .transform((v) => v ?? undefined),
      }),
    )
    .min(1),
});

/** `GET /site/` (no auth): how a Ghost is recognised, and its version ("5.130"). */
export const ghostSiteSchema = z.object({
  site: z.looseObject({ title: z.string().nullish(), url: z.string().nullish(), version: z.string() }),
});

export const ghostTagSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  visibility: z.string().optional(),
  count: z.looseObject({ posts: z.number() }).optional(),
});
export type GhostTag = z.infer<typeof ghostTagSchema>;

/** A post or page as the Admin API answers it (`formats=html`); fields we do not read pass through. */
export const ghostPostSchema = z.looseObject({
  id: z.string(),
  uuid: z.string().optional(),
  title: z.string().nullish(),
  slug: z.string().optional().default(""),
  html: z.string().nullish(),
  status: z.string().optional().default("draft"),
  custom_excerpt: z.string().nullish(),
  excerpt: z.string().nullish(),
  url: z.string().nullish(),
  published_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  created_at: z.string().nullish(),
  feature_image: z.string().nullish(),
  feature_image_alt: z.string().nullish(),
  tags: z.array(ghostTagSchema).optional(),
  primary_tag: ghostTagSchema.nullish(),
  meta_title: z.string().nullish(),
  meta_description: z.string().nullish(),
  canonical_url: z.string().nullish(),
  codeinjection_foot: z.string().nullish(),
  email_only: z.boolean().nullish(),
});
export type GhostPost = z.infer<typeof ghostPostSchema>;

export const ghostPaginationSchema = z.object({
  page: z.number(),
  limit: z.union([z.number(), z.string()]),
  pages: z.number(),
  total: z.number(),
  next: z.number().nullish(),
  prev: z.number().nullish(),
});

/** A browse answer of `/posts/` or `/pages/` (the key is the collection's name). */
export const ghostBrowseSchema = (key: "posts" | "pages") =>
  z.object({
    [key]: z.array(ghostPostSchema),
    meta: z.object({ pagination: ghostPaginationSchema }).optional(),
  }) as unknown as z.ZodType<{ [k: string]: GhostPost[] } & { meta?: { pagination: GhostPagination } }>;
export type GhostPagination = z.infer<typeof ghostPaginationSchema>;

export const ghostTagsBrowseSchema = z.object({
  tags: z.array(ghostTagSchema),
  meta: z.object({ pagination: ghostPaginationSchema }).optional(),
});

export const ghostImageUploadSchema = z.object({
  images: z.array(z.looseObject({ url: z.string(), ref: z.string().nullish() })).min(1),
});

export const ghostWebhookSchema = z.looseObject({
  id: z.string(),
  event: z.string(),
  target_url: z.string(),
  integration_id: z.string().nullish(),
  last_triggered_at: z.string().nullish(),
  last_triggered_status: z.string().nullish(),
  last_triggered_error: z.string().nullish(),
});
export type GhostWebhook = z.infer<typeof ghostWebhookSchema>;

/** A delivery: `{"post":{"current":{…},"previous":{…}}}` (or `page`); `current` is `{}` after a delete. */
export const ghostWebhookPayloadSchema = z.union([
  z.object({
    post: z.object({ current: z.looseObject({}), previous: z.looseObject({}).optional() }),
  }),
  z.object({
    page: z.object({ current: z.looseObject({}), previous: z.looseObject({}).optional() }),
  }),
]);
