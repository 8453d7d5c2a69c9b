import { z } from "zod";
import { strictBody, uuidSchema } from "./common";

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

/** A place content goes that the integration chooses or creates (a Shopify store's blog). */
export const remoteDestinationSchema = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  item_count: z.number().int(),
  /** Where new items go now: the chosen one, else the platform's default (Shopify: the first blog). */
  is_current: z.boolean(),
});
export type RemoteDestinationDto = z.infer<typeof remoteDestinationSchema>;

/** `POST /integration/{id}/destinations/`: a new blog; its handle is derived from the title unless given. */
export const createDestinationBodySchema = strictBody({
  title: z.string({ message: "is required" }).trim().min(1, "is required").max(255, "must be 255 characters or less"),
  handle: z
    .string({ message: "must be a string" })
    .trim()
    .max(255, "must be 255 characters or less")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens (e.g. garden-notes)")
    .optional(),
});
export type CreateDestinationBody = z.infer<typeof createDestinationBodySchema>;
