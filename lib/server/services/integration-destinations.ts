import "server-only";
import type { Db } from "@/db/client";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import type { PlatformId, RemoteDestination } from "@/lib/platforms/types";
import { egressFetch } from "@/lib/server/egress";
import {
  remoteDestinationSchema,
  type CreateDestinationBody,
  type RemoteDestinationDto,
} from "@/lib/schemas/integration-setup";
import { ApiError } from "../api/errors";
import { getIntegrationOr404, openConnection, platformOf, type PlatformConnection } from "./integrations";
import { callPlatform } from "./integrations-structure";

/** Where an integration's content goes, for platforms where the user picks or creates it (a Shopify blog). */

async function destinationsOf(db: Db, accountId: string, id: string) {
  const row = await getIntegrationOr404(db, accountId, id);
  const adapter = getPlatformAdapter(platformOf(row.integration));
  if (!adapter.destinations) {
    throw new ApiError("unsupported", `${adapter.displayName} has no destinations to choose.`, {
      fix: "Only platforms where content goes to one of several places you pick (a Shopify store's blogs) have them.",
    });
  }
  const connection = await openConnection(db, row);
  return { destinations: adapter.destinations, params: { ...connection, http: egressFetch } };
}

const toDto = (d: RemoteDestination): RemoteDestinationDto =>
  remoteDestinationSchema.parse({
    id: d.id,
    title: d.title,
    handle: d.handle,
    item_count: d.itemCount,
    is_current: d.isCurrent,
  });

/** Every destination of the integration's site, the current one marked. */
export async function listDestinations(db: Db, accountId: string, id: string): Promise<RemoteDestinationDto[]> {
  const { destinations, params } = await destinationsOf(db, accountId, id);
  return (await callPlatform(() => destinations.list(params))).map(toDto);
}

/** Creates a destination on the site (not chosen yet: the settings' PATCH chooses it). */
export async function createDestination(
  db: Db,
  accountId: string,
  id: string,
  body: CreateDestinationBody,
): Promise<RemoteDestinationDto> {
  const { destinations, params } = await destinationsOf(db, accountId, id);
  return toDto(await callPlatform(() => destinations.create(params, body)));
}

/**
 * A 422 naming the `config_json` field and the fix when the platform refuses the settings (a
 * Shopify blog the store does not have); platforms without destinations take any settings.
 */
export async function requireValidConfig(
  platform: PlatformId,
  config: Record<string, unknown> | undefined,
  connection: () => Promise<PlatformConnection>,
  previous?: Record<string, unknown>,
): Promise<void> {
  const destinations = getPlatformAdapter(platform).destinations;
  if (!destinations || config === undefined) return;
  const params = { ...(await connection()), config, http: egressFetch, previous };
  const problems = await callPlatform(() => destinations.checkConfig(params));
  if (!problems.length) return;
  const details = problems.map((p) => ({ field: `config_json.${p.field}`, message: p.problem }));
  throw new ApiError("validation_error", `${details[0].field}: ${details[0].message}`, {
    fix: problems[0].fix,
    details,
  });
}
