import { z } from "zod";
import { syncStates } from "./content";

/** WordPress's post id as the API has always answered it (a number), from the reference's text id. */
export function wordpressIdOf(platform: string, externalId: string | null | undefined): number | null {
  return platform === "wordpress" && externalId && /^\d+$/.test(externalId) ? Number(externalId) : null;
}

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
