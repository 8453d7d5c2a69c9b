import "server-only";
import type { Db } from "@/db/client";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { egressFetch } from "@/lib/server/egress";
import {
  remoteCollectionSchema,
  remoteFieldSchema,
  type RemoteCollectionDto,
  type RemoteFieldDto,
} from "@/lib/schemas/integration-setup";
import { ApiError } from "../api/errors";
import { getIntegrationOr404, openConnection, platformOf } from "./integrations";
import { callPlatform } from "./integrations-structure";

/** The integration's platform setup (collections and field maps), or 422 for platforms without one. */
async function setupOf(db: Db, accountId: string, id: string) {
  const row = await getIntegrationOr404(db, accountId, id);
  const adapter = getPlatformAdapter(platformOf(row.integration));
  if (!adapter.setup) {
    throw new ApiError("unsupported", `${adapter.displayName} has no collections to choose.`, {
      fix: "Only platforms whose content model is your own (Webflow) have collections and field maps.",
    });
  }
  const { credentials } = await openConnection(db, row);
  return { setup: adapter.setup, credentials, http: egressFetch };
}

/** Every collection the integration's credentials can write to, on each of its sites. */
export async function listCollections(db: Db, accountId: string, id: string): Promise<RemoteCollectionDto[]> {
  const { setup, ...params } = await setupOf(db, accountId, id);
  const collections = await callPlatform(() => setup.listCollections(params));
  return collections.map((c) =>
    remoteCollectionSchema.parse({ id: c.id, name: c.name, site_id: c.siteId, site_name: c.siteName }),
  );
}

/** A collection's fields with the role IGNY8 suggests for each (the field-mapping screen). */
export async function listCollectionFields(
  db: Db,
  accountId: string,
  id: string,
  collectionId: string,
): Promise<RemoteFieldDto[]> {
  const { setup, ...params } = await setupOf(db, accountId, id);
  const fields = await callPlatform(() => setup.listFields({ ...params, collectionId }));
  return fields.map((f) =>
    remoteFieldSchema.parse({
      slug: f.slug,
      name: f.name,
      type: f.type,
      is_required: f.isRequired,
      suggested_role: f.suggestedRole ?? null,
    }),
  );
}
