import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, type Site, type SiteIntegration } from "@/db/tables";
import type { PlatformWebhooks, WebhooksState } from "@/lib/platforms/types";
import { ApiError } from "../../api/errors";
import { egressFetch } from "../../egress";
import { getEnv } from "../../env";
import { logInfo } from "../../log";
import { isCredentialsUnreadable } from "../credentials-unreadable";
import { adapterOf, openSession } from "../sync/context";
import { forgetWebhookSender } from "./receive";
import { generateWebhookSecret, openWebhookSecrets, sealWebhookSecret } from "./secrets";

/** What the dashboard shows about the site's webhooks (the IGNY8 Connector plugin on WordPress). */
export type PluginState = WebhooksState;

export function webhookUrlFor(integration: Pick<SiteIntegration, "id" | "platform">) {
  return `${getEnv().APP_URL}/api/v1/integration/webhook/${integration.platform}/?integration=${integration.id}`;
}

/** The integration's session for webhook calls; an unreadable credential marks the integration. */
async function webhookSession(db: Db, integration: SiteIntegration, site: Site) {
  const hooks: PlatformWebhooks | undefined = adapterOf(integration).webhooks;
  if (!hooks) throw new ApiError("unsupported_platform", "This platform does not send webhooks.");
  const session = await openSession(db, { integration, site, fetch: egressFetch, retry: { retries: 1 } });
  return { hooks, session };
}

/** Asks the site whether it sends its changes here (the plugin's status on WordPress). */
export async function getPluginState(db: Db, integration: SiteIntegration, site: Site): Promise<PluginState> {
  const { hooks, session } = await webhookSession(db, integration, site);
  const secret = currentSecret(integration);
  return hooks.status(session, { url: webhookUrlFor(integration), ...(secret ? { secret } : {}) });
}

/** The current signing secret, or none (never set, or unreadable: Install webhooks replaces it). */
function currentSecret(integration: SiteIntegration): string | undefined {
  if (!integration.webhookSecret) return undefined;
  try {
    return openWebhookSecrets({ ...integration, webhookSecretPrevious: null })[0];
  } catch (error) {
    if (isCredentialsUnreadable(error)) return undefined;
    throw error;
  }
}

/**
 * Zero-copy setup: a fresh secret, then the site is pointed at our webhook URL. The new secret is
 * stored first, with the old one kept as "previous", so deliveries signed with either verify
 * whatever happens in between. A current secret that no longer decrypts is replaced, not kept:
 * this is how an unreadable signing secret is repaired.
 */
export async function installWebhooks(db: Db, integration: SiteIntegration, site: Site): Promise<PluginState> {
  // The credentials first: nothing is rotated for a site that cannot be called.
  const { hooks, session } = await webhookSession(db, integration, site);
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
  const configured = updated.configJson.post_types;
  const contentTypes = Array.isArray(configured) ? (configured as string[]) : [];
  const state = await hooks.install(session, {
    url: webhookUrlFor(integration),
    secret,
    integrationId: integration.id,
    contentTypes,
    previous: integration.webhookRegistrations,
  });
  const { registrations, ...shown } = state;
  if (!state.installed) return shown;
  if (registrations) {
    await db
      .update(siteIntegrations)
      .set({ webhookRegistrations: registrations })
      .where(eq(siteIntegrations.id, integration.id));
  }
  logInfo(`webhooks installed on ${integration.externalSiteUrl} for integration ${integration.id}`);
  if (updated.connectionErrorCode === "credentials_unreadable") {
    // The credentials just worked and the signing secret is new: nothing stored is unreadable now.
    await db
      .update(siteIntegrations)
      .set({
        connectionStatus: "connected",
        connectionErrorCode: null,
        connectionCheckedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(siteIntegrations.id, integration.id));
  }
  return shown;
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
 * After a site is connected: point its webhooks here (zero-copy setup). Never fails the connect:
 * a site without the plugin simply has no live updates, which the dashboard explains.
 * WEBHOOKS_AUTO_INSTALL=false leaves it to the dashboard's "Install webhooks".
 */
export async function installWebhooksAfterConnect(
  db: Db,
  integration: SiteIntegration,
  site: Site,
): Promise<PluginState | undefined> {
  if (["false", "0", "off"].includes((process.env.WEBHOOKS_AUTO_INSTALL ?? "").toLowerCase())) return undefined;
  try {
    return await installWebhooks(db, integration, site);
  } catch (error) {
    logInfo(`webhooks not installed on ${integration.externalSiteUrl}: ${(error as Error).message}`);
    return undefined;
  }
}
