import { z } from "zod";
import { paginationQuerySchema, uuidSchema } from "./common";

/** Request bodies and response shapes of the sync endpoints (shared by the API and the dashboard). */

export const syncDirections = ["pull", "push", "both"] as const;
const directionSchema = z.enum(syncDirections, { message: `must be one of: ${syncDirections.join(", ")}` });

export const startSyncBodySchema = z.object({
  direction: directionSchema.default("both"),
  content_ids: z
    .array(uuidSchema, { message: "must be a list of content ids" })
    .min(1, "must name at least one item")
    .max(1000, "must be 1000 items or fewer")
    .optional(),
  full: z.boolean({ message: "must be true or false" }).default(false),
});
export type StartSyncBody = z.infer<typeof startSyncBodySchema>;

export const siteSyncBodySchema = z.object({ site_id: uuidSchema, direction: directionSchema.default("both") });
export type SiteSyncBody = z.infer<typeof siteSyncBodySchema>;

export const syncRunSchema = z.object({
  id: z.string(),
  direction: directionSchema,
  status: z.enum(["queued", "running", "completed", "failed"]),
  is_full: z.boolean(),
  trigger: z.string(),
  processed: z.number(),
  total: z.number().nullable(),
  failed: z.number(),
  /** First publications left for later: the site's publishing limit (`deferred_limit`) was full. */
  deferred: z.number(),
  deferred_limit: z.enum(["daily", "weekly", "monthly"]).nullable(),
  retries: z.number(),
  error: z.string().nullable(),
  error_code: z.string().nullable(),
  /**
   * While a running run waits for the platform's rate limit (Shopify's cost bucket, Webflow's
   * per-minute budget): when the wait should end. Null when it is not waiting.
   */
  waiting_until: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  created_at: z.string(),
});
export type SyncRunDto = z.infer<typeof syncRunSchema>;

export const startSyncResultSchema = z.object({ run_id: z.string(), already_running: z.boolean(), run: syncRunSchema });
export type StartSyncResult = z.infer<typeof startSyncResultSchema>;

export const siteSyncResultSchema = z.object({
  site_id: z.string(),
  runs: z.array(startSyncResultSchema.extend({ integration_id: z.string() })),
});

export const syncStatusSchema = z.object({
  status: z.enum(["idle", "syncing", "error"]),
  run: syncRunSchema.nullable(),
  last_sync_at: z.string().nullable(),
  sync_error: z.string().nullable(),
});
export type SyncStatusDto = z.infer<typeof syncStatusSchema>;

export const syncHealthSchema = z.object({
  total_synced: z.number(),
  last_successful_sync_at: z.string().nullable(),
  failed_count: z.number(),
  pending_count: z.number(),
  open_conflicts: z.number(),
});
export type SyncHealthDto = z.infer<typeof syncHealthSchema>;

export const syncEventTypes = ["content_push", "content_pull", "webhook", "taxonomy_sync", "conflict"] as const;
export const syncEventSchema = z.object({
  id: z.string(),
  run_id: z.string().nullable(),
  event_type: z.enum(syncEventTypes),
  direction: z.enum(["igny8_to_wp", "wp_to_igny8"]),
  status: z.enum(["pending", "success", "failed"]),
  content_type: z.string().nullable(),
  content_id: z.string().nullable(),
  /** The platform's id of the item: a number for WordPress, a string for platforms with other ids. */
  external_id: z.union([z.number(), z.string()]).nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  fix: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type SyncEventDto = z.infer<typeof syncEventSchema>;

export const listSyncEventsQuerySchema = paginationQuerySchema.extend({
  status: z.enum(["pending", "success", "failed"], { message: "must be one of: pending, success, failed" }).optional(),
  direction: z.enum(["igny8_to_wp", "wp_to_igny8"], { message: "must be one of: igny8_to_wp, wp_to_igny8" }).optional(),
  event_type: z.enum(syncEventTypes, { message: `must be one of: ${syncEventTypes.join(", ")}` }).optional(),
  run_id: uuidSchema.optional(),
});
export type ListSyncEventsQuery = z.infer<typeof listSyncEventsQuerySchema>;

export const eventParamsSchema = z.object({ id: uuidSchema, event_id: uuidSchema });

/** `POST /content/{id}/publish/`: the item's sync state after the push and its event. */
const publishDestinationFields = {
  content_id: z.string(),
  /** The integration pushed to, and its platform. */
  integration_id: z.string(),
  platform: z.string(),
  /** The item's state on that integration. */
  sync_state: z.string(),
  status: z.string(),
  external_id: z.string().nullable(),
  url: z.string().nullable(),
  wordpress_id: z.number().nullable(),
  wordpress_url: z.string().nullable(),
};
/** One destination of a publish: its state afterwards, and the push's event or why it was not sent. */
export const publishDestinationSchema = z.object({
  ...publishDestinationFields,
  event: syncEventSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }).optional(),
});
export type PublishDestination = z.infer<typeof publishDestinationSchema>;
export const publishResultSchema = z.object({
  ...publishDestinationFields,
  event: syncEventSchema,
  /** Every destination the item was published to, the first (above) included. */
  destinations: z.array(publishDestinationSchema).optional(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

/** `POST /content/{id}/publish/`: where to (every active integration of the site with sync on, when absent). */
export const publishBodySchema = z
  .object({
    integration_ids: z.array(uuidSchema).min(1, "name at least one integration, or leave the field out").optional(),
  })
  .strict();
