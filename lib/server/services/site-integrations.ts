import "server-only";
import type { Db } from "@/db/client";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { platformName } from "@/lib/platforms/metadata";
import { listIntegrations, platformOf, toIntegrationDto } from "./integrations";

/** A site's integrations for its pages, oldest first (the first connected leads, as in a publish's answer). */
export async function listSiteIntegrationDtos(db: Db, accountId: string, siteId: string): Promise<IntegrationDto[]> {
  const { rows } = await listIntegrations(db, accountId, { site_id: siteId, page: 1, page_size: 100 });
  return rows
    .map(toIntegrationDto)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** The platforms each of the account's sites is connected to ("Ghost"), by site id, oldest first. */
export async function listSitePlatformNames(db: Db, accountId: string): Promise<Map<string, string[]>> {
  const { rows } = await listIntegrations(db, accountId, { page: 1, page_size: 1000 });
  const bySite = new Map<string, string[]>();
  for (const { integration } of [...rows].reverse()) {
    const names = bySite.get(integration.siteId) ?? [];
    const name = platformName(platformOf(integration));
    if (!names.includes(name)) bySite.set(integration.siteId, [...names, name]);
  }
  return bySite;
}
