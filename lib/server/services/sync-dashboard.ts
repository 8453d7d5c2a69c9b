import "server-only";
import type { Db } from "@/db/client";
import { getIntegration } from "@/db/queries/integrations";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { platformName } from "@/lib/platforms/metadata";
import { getSyncDashboard } from "./content-dashboard";
import { platformOf, toIntegrationDto } from "./integrations";

/**
 * How the platform's own edits reach IGNY8: WordPress through the IGNY8 Connector plugin; signed
 * webhooks the platform sends (Ghost, Shopify, Webflow connected through its app); or only the
 * scheduled sync (no webhooks, or a Webflow site token, which cannot have signed webhooks).
 */
export type LiveUpdates = "plugin" | "webhooks" | "scheduled";

function liveUpdatesOf(platform: string, webhooks: string, credentials: Record<string, unknown>): LiveUpdates {
  if (platform === "wordpress") return "plugin";
  if (webhooks === "none") return "scheduled";
  if (platform === "webflow" && credentials.has_api_token === true) return "scheduled";
  return "webhooks";
}

export type IntegrationSyncDashboard = NonNullable<Awaited<ReturnType<typeof getIntegrationSyncDashboard>>>;

/**
 * The Sync Dashboard of one of the site's integrations (`integrationId`, else its oldest), with how
 * that platform's changes arrive and the scheduled sync's interval, and the site's integrations to
 * switch between ("Ghost · blog.example.com"). Null when the site has none.
 */
export async function getIntegrationSyncDashboard(db: Db, accountId: string, siteId: string, integrationId?: string) {
  const dashboard = await getSyncDashboard(db, accountId, siteId, 14, { integrationId });
  if (!dashboard) return null;
  const found = await getIntegration(db, { accountId, id: dashboard.integration.id });
  if (!found) return null;
  const platform = platformOf(found.integration);
  const { credentials } = toIntegrationDto(found);
  return {
    ...dashboard,
    integration: {
      ...dashboard.integration,
      platformName: platformName(platform),
      liveUpdates: liveUpdatesOf(platform, getPlatformAdapter(platform).capabilities.webhooks, credentials),
      syncIntervalMinutes: found.integration.syncIntervalMinutes,
    },
    others: dashboard.integrations.map((i) => ({ id: i.id, label: `${platformName(i.platform)} · ${hostOf(i.url)}` })),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
