import "server-only";
import type { Db } from "@/db/client";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { platformName } from "@/lib/platforms/metadata";
import { getPlatformAdapter, isPlatformId } from "@/lib/platforms/registry";
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

/** Names of the site's active platforms that cannot schedule a post themselves (Webflow): IGNY8 publishes there at the time. */
export function unschedulablePlatformNames(integrations: Pick<IntegrationDto, "platform" | "is_active">[]): string[] {
  const ids = integrations.filter((i) => i.is_active).map((i) => i.platform);
  return [...new Set(ids)]
    .filter((id) => isPlatformId(id) && !getPlatformAdapter(id).capabilities.scheduling)
    .map(platformName);
}
