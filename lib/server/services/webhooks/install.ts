import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, type Site, type SiteIntegration } from "@/db/tables";
import { PlatformError } from "@/lib/platforms/types";
import { getEnv } from "../../env";
import { logInfo } from "../../log";
import { isCredentialsUnreadable, markingUnreadable } from "../credentials-unreadable";
import { wordPressClientForSite } from "../wordpress-credentials";
import { forgetWebhookSender } from "./receive";
import { generateWebhookSecret, openWebhookSecrets, sealWebhookSecret } from "./secrets";

/** What the dashboard shows about the IGNY8 Connector plugin on a site. */
export type PluginState = {
  installed: boolean;
  configured: boolean;
  points_here: boolean;
  version: string | null;
  queue: { pending: number; failed: number } | null;
  last_deliveries: unknown[];
  message: string;
  fix?: string;
};

type PluginStatusDoc = {
  version?: string;
  configured?: boolean;
  webhook_url?: string;
  integration_id?: string;
  queue?: { pending: number; failed: number };
  last_deliveries?: unknown[];
};

export function webhookUrlFor(integrationId: string) {
  return `${getEnv().APP_URL}/api/v1/integration/webhook/wordpress/?integration=${integrationId}`;
}

const NOT_INSTALLED: PluginState = {
  installed: false,
  configured: false,
  points_here: false,
  version: null,
  queue: null,
  last_deliveries: [],
  message: "The IGNY8 Connector plugin is not active on this site, so changes made in WordPress reach IGNY8 only when it syncs.",
  fix: "Download the plugin, upload it under Plugins → Add New → Upload Plugin, activate it, then click Install webhooks.",
};

function toState(doc: PluginStatusDoc, integrationId: string): PluginState {
  const pointsHere = !!doc.configured && doc.webhook_url === webhookUrlFor(integrationId);
  return {
    installed: true,
    configured: !!doc.configured,
    points_here: pointsHere,
    version: doc.version ?? null,
    queue: doc.queue ?? null,
    last_deliveries: (doc.last_deliveries ?? []).slice(0, 10),
    message: pointsHere
      ? "The IGNY8 Connector plugin is active and sends changes to IGNY8 as they happen."
      : "The IGNY8 Connector plugin is active but not sending to this IGNY8 integration.",
    ...(pointsHere ? {} : { fix: "Click Install webhooks to configure it." }),
  };
}

/** The site's client for plugin calls; an unreadable Application Password marks the integration. */
function pluginClient(db: Db, integration: SiteIntegration, site: Site) {
  return markingUnreadable(db, integration, () => wordPressClientForSite(site, integration.externalSiteUrl, { retry: { retries: 1 } }));
}

/** Asks the site's plugin for its status (404 = not installed or not active). */
export async function getPluginState(db: Db, integration: SiteIntegration, site: Site): Promise<PluginState> {
  const client = await pluginClient(db, integration, site);
  try {
    const { data } = await client.request<PluginStatusDoc>("GET", "/igny8/v1/status");
    return toState(data, integration.id);
  } catch (error) {
    if (error instanceof PlatformError && error.code === "not_found") return NOT_INSTALLED;
    throw error;
  }
}

/**
 * Zero-copy setup: a fresh secret, then the plugin's connect route with our webhook URL. The new
 * secret is stored first, with the old one kept as "previous", so deliveries signed with either
 * verify whatever happens in between. A current secret that no longer decrypts is replaced, not
 * kept: this is how an unreadable signing secret is repaired.
 */
export async function installWebhooks(db: Db, integration: SiteIntegration, site: Site): Promise<PluginState> {
  // The Application Password first: nothing is rotated for a site that cannot be called.
  const client = await pluginClient(db, integration, site);
  const secret = generateWebhookSecret();
  const [updated] = await db
    .update(siteIntegrations)
    .set({
      webhookSecret: sealWebhookSecret(integration, secret),
      webhookSecretPrevious: resealPrevious(integration),
      webhookSecretRotatedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(siteIntegrations.id, integration.id))
    .returning();
  forgetWebhookSender(integration.id);
  const postTypes = Array.isArray(updated.configJson.post_types) ? (updated.configJson.post_types as string[]).filter((t) => t !== "post" && t !== "page") : [];
  try {
    const { data } = await client.request<PluginStatusDoc>("POST", "/igny8/v1/connect", {
      json: { webhook_url: webhookUrlFor(integration.id), secret, integration_id: integration.id, post_types: postTypes },
    });
    logInfo(`webhooks installed on ${integration.externalSiteUrl} for integration ${integration.id}`);
    if (updated.connectionErrorCode === "credentials_unreadable") {
      // The password just worked and the signing secret is new: nothing stored is unreadable now.
      await db
        .update(siteIntegrations)
        .set({ connectionStatus: "connected", connectionErrorCode: null, connectionCheckedAt: new Date(), updatedAt: new Date() })
        .where(eq(siteIntegrations.id, integration.id));
    }
    return toState(data, integration.id);
  } catch (error) {
    if (error instanceof PlatformError && error.code === "not_found") return NOT_INSTALLED;
    throw error;
  }
}

/** The current secret re-sealed into the "previous" column (associated data names the column); none when unreadable. */
function resealPrevious(integration: SiteIntegration): string | null {
  if (!integration.webhookSecret) return null;
  try {
    const [current] = openWebhookSecrets({ ...integration, webhookSecretPrevious: null });
    return sealWebhookSecret(integration, current, "webhook_secret_previous");
  } catch (error) {
    if (isCredentialsUnreadable(error)) return null;
    throw error;
  }
}

/**
 * After a site is connected: configure its plugin (zero-copy setup). Never fails the connect:
 * a site without the plugin simply has no live updates, which the dashboard explains.
 * WEBHOOKS_AUTO_INSTALL=false leaves it to the dashboard's "Install webhooks".
 */
export async function installWebhooksAfterConnect(db: Db, integration: SiteIntegration, site: Site): Promise<PluginState | undefined> {
  if (["false", "0", "off"].includes((process.env.WEBHOOKS_AUTO_INSTALL ?? "").toLowerCase())) return undefined;
  try {
    return await installWebhooks(db, integration, site);
  } catch (error) {
    logInfo(`webhooks not installed on ${integration.externalSiteUrl}: ${(error as Error).message}`);
    return undefined;
  }
}
