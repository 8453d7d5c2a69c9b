import { z } from "zod";

/** Shapes of the webhook endpoints: the plugin's state on a site, and the receiver's answer. */

export const pluginStateSchema = z.object({
  installed: z.boolean(),
  configured: z.boolean(),
  /** The plugin sends its deliveries to this integration's webhook URL. */
  points_here: z.boolean(),
  version: z.string().nullable(),
  queue: z.object({ pending: z.number(), failed: z.number() }).nullable(),
  /** The plugin's own record of its latest deliveries (newest first, at most 10), as it reports them. */
  last_deliveries: z.array(z.unknown()),
  message: z.string(),
  fix: z.string().optional(),
});

export const webhooksStatusSchema = z.object({ webhook_url: z.string(), plugin: pluginStateSchema });
export type WebhooksStatusDto = z.infer<typeof webhooksStatusSchema>;

/** A delivery was recorded (202), or had been already (200, `duplicate: true`). */
export const webhookReceiptSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
