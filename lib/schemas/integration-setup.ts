import { z } from "zod";
import { uuidSchema } from "./common";

/** A collection content can go to (a Webflow site's CMS collection). */
export const remoteCollectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  site_id: z.string(),
  site_name: z.string(),
});
export type RemoteCollectionDto = z.infer<typeof remoteCollectionSchema>;

/** A collection's field, with the role IGNY8 suggests for it (body, summary, image, seo_title, ...). */
export const remoteFieldSchema = z.object({
  slug: z.string(),
  name: z.string(),
  type: z.string(),
  is_required: z.boolean(),
  suggested_role: z.string().nullable(),
});
export type RemoteFieldDto = z.infer<typeof remoteFieldSchema>;

export const collectionParamsSchema = z.object({
  id: uuidSchema,
  cid: z
    .string()
    .trim()
    .min(1, "is required")
    .max(100, "must be 100 characters or less")
    .regex(/^[A-Za-z0-9_-]+$/, "must be a collection id"),
});
