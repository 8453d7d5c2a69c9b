import "server-only";
import { z } from "zod";

/** A site API token (Bearer) or an OAuth access token of our Data Client App. */
export const webflowCredentialsSchema = z.union([
  z.object({ api_token: z.string().trim().min(20).max(512) }),
  z.object({ access_token: z.string().trim().min(20).max(512) }),
]) as unknown as z.ZodType<Record<string, string>>;

/** The roles a collection's fields can play for an IGNY8 post. */
export const FIELD_ROLES = [
  "body",
  "summary",
  "image",
  "seo_title",
  "seo_description",
  "categories",
  "tags",
  "publish_date",
] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/** Which field (by slug) plays each role; `body` is required. */
export const fieldMapSchema = z.object({
  body: z.string().min(1).max(100),
  summary: z.string().min(1).max(100).optional(),
  image: z.string().min(1).max(100).optional(),
  seo_title: z.string().min(1).max(100).optional(),
  seo_description: z.string().min(1).max(100).optional(),
  categories: z.string().min(1).max(100).optional(),
  tags: z.string().min(1).max(100).optional(),
  publish_date: z.string().min(1).max(100).optional(),
});
export type FieldMap = z.infer<typeof fieldMapSchema>;

/** The integration's `config_json`: the site, its blog collection and the confirmed field map. */
export const webflowConfigSchema = z.object({
  site_id: z.string().min(1).max(64),
  collection_id: z.string().min(1).max(64),
  field_map: fieldMapSchema,
});
export type WebflowConfig = z.infer<typeof webflowConfigSchema>;

/** A collection field as `GET /collections/{id}` lists it. */
export type WebflowField = {
  id: string;
  slug?: string;
  displayName: string;
  type: string;
  isRequired: boolean;
  validations?: Record<string, unknown> | null;
};

/** A collection with its fields. */
export type WebflowCollection = { id: string; displayName: string; slug?: string; fields: WebflowField[] };

/** A CMS item as the API answers it. */
export type WebflowItem = {
  id?: string;
  lastPublished?: string | null;
  lastUpdated?: string;
  createdOn?: string;
  isArchived?: boolean;
  isDraft?: boolean;
  fieldData?: Record<string, unknown>;
};

/** The collection_item_* webhook body. */
export const webflowWebhookSchema = z.looseObject({
  triggerType: z.enum([
    "collection_item_created",
    "collection_item_changed",
    "collection_item_deleted",
    "collection_item_published",
    "collection_item_unpublished",
  ]),
  payload: z.looseObject({
    id: z.string().min(1).max(64),
    siteId: z.string().max(64).optional(),
    collectionId: z.string().max(64).optional(),
    lastUpdated: z.string().max(40).optional(),
  }),
});
