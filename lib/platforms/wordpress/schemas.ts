import { z } from "zod";

/**
 * zod for the WordPress REST payloads we read. Loose objects: WordPress and its plugins add
 * fields freely, and `_fields` requests return subsets, so only what we use is declared.
 */

/** `{"code","message","data":{"status"}}` — every WordPress REST error. */
export const wpErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().optional().default(""),
  data: z.unknown().optional(),
});
export type WpError = z.infer<typeof wpErrorSchema>;

const renderedSchema = z.looseObject({ raw: z.string().optional(), rendered: z.string().optional() });

/** REST index (`/wp-json/`), usually requested with `_fields`. */
export const wpIndexSchema = z.looseObject({
  name: z.string().optional(),
  url: z.string().optional(),
  home: z.string().optional(),
  gmt_offset: z.union([z.string(), z.number()]).optional(),
  timezone_string: z.string().optional(),
  namespaces: z.array(z.string()).optional(),
  // `[]` when no method is available (WordPress serialises an empty map as a list).
  authentication: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});
export type WpIndex = z.infer<typeof wpIndexSchema>;

/** `GET /wp/v2/users/me?context=edit`. */
export const wpUserSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  slug: z.string().optional(),
  roles: z.array(z.string()).optional().default([]),
  capabilities: z.record(z.string(), z.boolean()).optional().default({}),
});
export type WpUser = z.infer<typeof wpUserSchema>;

/** A post of any type (posts, pages, custom types), full or `_fields` subset. */
export const wpPostSchema = z.looseObject({
  id: z.number(),
  type: z.string().optional(),
  status: z.string().optional(),
  slug: z.string().optional(),
  link: z.string().optional(),
  date_gmt: z.string().nullable().optional(),
  modified: z.string().optional(),
  modified_gmt: z.string().optional(),
  title: renderedSchema.optional(),
  content: renderedSchema.optional(),
  excerpt: renderedSchema.optional(),
  featured_media: z.number().optional(),
  categories: z.array(z.number()).optional(),
  tags: z.array(z.number()).optional(),
  // Registered meta (an empty map comes as []), read for the SEO keys the IGNY8 plugin exposes.
  meta: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});
export type WpPost = z.infer<typeof wpPostSchema>;

/** A category or tag. */
export const wpTermSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  parent: z.number().optional().default(0),
  count: z.number().optional().default(0),
  taxonomy: z.string().optional(),
});
export type WpTerm = z.infer<typeof wpTermSchema>;

/** An attachment as returned by `POST /wp/v2/media`. */
export const wpMediaSchema = z.looseObject({
  id: z.number(),
  source_url: z.string(),
  mime_type: z.string().optional(),
  media_details: z.unknown().optional(),
});
export type WpMedia = z.infer<typeof wpMediaSchema>;

/** One entry of `GET /wp/v2/types`. */
export const wpTypeSchema = z.looseObject({
  slug: z.string(),
  name: z.string(),
  rest_base: z.string(),
  rest_namespace: z.string().optional().default("wp/v2"),
  viewable: z.boolean().optional(),
  taxonomies: z.array(z.string()).optional().default([]),
});
export type WpType = z.infer<typeof wpTypeSchema>;
export const wpTypesSchema = z.record(z.string(), wpTypeSchema);

/** `OPTIONS /batch/v1`: the route's arguments say how many requests one batch may hold. */
export const wpBatchOptionsSchema = z.looseObject({
  endpoints: z.array(
    z.looseObject({
      args: z.looseObject({
        requests: z.looseObject({ maxItems: z.number().optional() }).optional(),
      }),
    }),
  ),
});

/** `POST /batch/v1` answer: 207, one response per request; `failed` when validation stopped it. */
export const wpBatchResponseSchema = z.looseObject({
  failed: z.string().optional(),
  responses: z.array(
    z.looseObject({
      status: z.number().optional(),
      body: z.unknown(),
    }),
  ),
});
export type WpBatchResponse = z.infer<typeof wpBatchResponseSchema>;
