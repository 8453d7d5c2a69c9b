import "server-only";
import type { Db } from "@/db/client";
import type { IntegrationDto } from "@/lib/schemas/integrations";
import { listIntegrations, toIntegrationDto } from "./integrations";

/** A site's integrations for its pages, oldest first (the first connected leads, as in a publish's answer). */
export async function listSiteIntegrationDtos(db: Db, accountId: string, siteId: string): Promise<IntegrationDto[]> {
  const { rows } = await listIntegrations(db, accountId, { site_id: siteId, page: 1, page_size: 100 });
  return rows
    .map(toIntegrationDto)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}
