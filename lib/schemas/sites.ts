import { z } from "zod";
import { acceptingReadOnly, httpUrlSchema, strictBody } from "./common";

const siteFields = {
  name: z.string({ message: "is required" }).trim().min(1, "is required").max(200, "must be 200 characters or less"),
  url: httpUrlSchema,
};

export const createSiteBodySchema = z.object(siteFields);
export type CreateSiteBody = z.infer<typeof createSiteBodySchema>;

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  wp_username: z.string().nullable(),
  has_wp_api_key: z.boolean(),
  wp_api_key_last4: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SiteDto = z.infer<typeof siteSchema>;

/** PATCH: name and/or url; the rest of a GET answer (id, credentials facts, dates) is read-only. */
export const updateSiteBodySchema = acceptingReadOnly(
  strictBody(siteFields)
    .partial()
    .refine((v) => Object.keys(v).length > 0, { message: "send at least one of: name, url" }),
  siteSchema,
);
