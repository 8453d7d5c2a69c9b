import { z } from "zod";

/** What checking an integration answers: its connection test, a collection test and the site structure. */

/** `POST /integration/test_connection/` (and per integration): the doctor's verdict. */
export const connectionTestSchema = z.object({
  connected: z.boolean(),
  code: z.string().optional(),
  reason: z.string().optional(),
  message: z.string(),
  fix: z.string().optional(),
  notes: z.array(z.string()),
  wordpress: z.object({
    version: z.string().optional(),
    rest_url: z.string(),
    user: z.object({ id: z.number(), name: z.string(), roles: z.array(z.string()) }).optional(),
    capabilities: z
      .object({ publish_posts: z.boolean(), upload_files: z.boolean(), manage_categories: z.boolean() })
      .optional(),
  }),
});
export type ConnectionTestDto = z.infer<typeof connectionTestSchema>;

/** A content type of the site, with its item count. */
export const contentTypeSchema = z.object({
  slug: z.string(),
  name: z.string(),
  rest_base: z.string(),
  count: z.number(),
});
export type ContentTypeDto = z.infer<typeof contentTypeSchema>;

const termCountsSchema = z.object({ total: z.number(), created: z.number(), updated: z.number(), removed: z.number() });
/** What syncing the site structure found: terms counted, content types listed. */
export const structureResultSchema = z.object({
  categories: termCountsSchema,
  tags: termCountsSchema,
  content_types: z.array(contentTypeSchema),
});
export type StructureResultDto = z.infer<typeof structureResultSchema>;

/** `POST /integration/{id}/test_collection_connection/`: a failure is `ok: false` with why, not an error. */
export const collectionTestSchema = z.object({
  ok: z.boolean(),
  content_type: z.string(),
  count: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }).optional(),
});
export type CollectionTestDto = z.infer<typeof collectionTestSchema>;
