import "server-only";
import type { Db, Executor } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import * as q from "@/db/queries/integrations";
import type { IntegrationWithSite } from "@/db/queries/integrations";
import { getSite, updateSite } from "@/db/queries/sites";
import { getPlatformAdapter, isPlatformId } from "@/lib/platforms/registry";
import type { ConnectionReport, Credentials, PlatformId } from "@/lib/platforms/types";
import { egressFetch } from "@/lib/server/egress";
import {
  integrationSchema,
  type ConnectionFields,
  type CreateIntegrationBody,
  type IntegrationDto,
  type PatchIntegrationBody,
} from "@/lib/schemas/integrations";
import { connectionTestSchema, type ConnectionTestDto } from "@/lib/schemas/integration-checks";
import { ApiError, notFound } from "../api/errors";
import { offsetOf } from "../api/paginate";
import { logInfo } from "../log";
import {
  isCredentialsUnreadable,
  markCredentialsUnreadable,
  markingUnreadable,
  type StoredSecret,
} from "./credentials-unreadable";
import { forgetWebhookSender } from "./webhooks/receive";
import { openWebhookSecrets } from "./webhooks/secrets";
import { openApplicationPassword, sealApplicationPassword } from "./wordpress-credentials";
import {
  credentialHints,
  hasOwnCredentials,
  openIntegrationCredentials,
  sealCredentials,
} from "./integration-credentials";

const isWordPress = (integration: SiteIntegration) => integration.platform === "wordpress";

/** The WordPress user an integration connects as (not a secret: shown, and sent back by forms). */
export function storedUsername({ integration, site }: IntegrationWithSite): string | null {
  if (!hasOwnCredentials(integration)) return site.wpUsername;
  return (integration.credentialsJson as { username?: string }).username ?? null;
}

/** The API shape: every SiteIntegration field except secrets; credentials only as facts. */
export function toIntegrationDto({ integration, site }: IntegrationWithSite): IntegrationDto {
  return integrationSchema.parse({
    id: integration.id,
    account_id: integration.accountId,
    site_id: integration.siteId,
    site_name: site.name,
    platform: integration.platform,
    external_site_url: integration.externalSiteUrl,
    is_active: integration.isActive,
    sync_enabled: integration.syncEnabled,
    last_sync_at: integration.lastSyncAt?.toISOString() ?? null,
    sync_status: integration.syncStatus,
    sync_error: integration.syncError,
    connection_status: integration.connectionStatus,
    connection_error_code: integration.connectionErrorCode,
    connection_checked_at: integration.connectionCheckedAt?.toISOString() ?? null,
    config_json: integration.configJson,
    credentials: !isWordPress(integration)
      ? {
          username: null,
          has_password: false,
          password_last4: null,
          ...Object.fromEntries(
            Object.entries(credentialHints(integration)).flatMap(([k, last4]) => [
              [`has_${k}`, true],
              [`${k}_last4`, last4],
            ]),
          ),
        }
      : hasOwnCredentials(integration)
        ? {
            username: storedUsername({ integration, site }),
            has_password: true,
            password_last4: credentialHints(integration).application_password ?? null,
          }
        : {
            username: site.wpUsername,
            has_password: !!site.wpApiKey,
            password_last4: site.wpApiKey ? site.wpApiKeyLast4 : null,
          },
    created_at: integration.createdAt.toISOString(),
    updated_at: integration.updatedAt.toISOString(),
  });
}

export function toConnectionTestDto(report: ConnectionReport): ConnectionTestDto {
  return connectionTestSchema.parse({
    connected: report.connected,
    code: report.code,
    reason: report.reason,
    message: report.message,
    fix: report.fix,
    notes: report.notes,
    wordpress: {
      version: report.site.version,
      rest_url: report.site.restUrl,
      user: report.site.user,
      capabilities: report.site.capabilities,
    },
  });
}

/** The doctor's verdict as a 422 carrying its code, message, fix and findings. */
export function doctorError(report: ConnectionReport): ApiError {
  const { wordpress, notes, reason } = toConnectionTestDto(report);
  const details = { reason, notes, wordpress };
  return new ApiError(report.code ?? "auth_failed", report.message, { isSiteRefusal: true, fix: report.fix, details });
}

/** URL and decrypted credentials of one connected site, for one platform call. */
export type PlatformConnection = {
  siteUrl: string;
  credentials: Credentials;
  config?: Record<string, unknown>;
  /** Stores credentials the call renewed; set for integrations with credentials of their own. */
  saveCredentials?: (credentials: Credentials) => Promise<void>;
};

/** Runs the platform's connection doctor; never throws for a failed connection. */
export function diagnose(platform: PlatformId, connection: PlatformConnection): Promise<ConnectionReport> {
  return getPlatformAdapter(platform).doctor({ ...connection, http: egressFetch });
}

export function platformOf(integration: SiteIntegration): PlatformId {
  if (!isPlatformId(integration.platform)) {
    throw new ApiError("unsupported_platform", `The ${integration.platform} platform is not supported yet.`);
  }
  return integration.platform;
}

/** URL and decrypted credentials of an integration, for one platform call. */
export function connectionOf({ integration, site }: IntegrationWithSite): PlatformConnection {
  if (hasOwnCredentials(integration)) {
    const credentials = openIntegrationCredentials(integration, site);
    return { siteUrl: integration.externalSiteUrl, credentials, config: integration.configJson };
  }
  const secret = openApplicationPassword(site);
  if (!site.wpUsername || !secret) {
    throw new ApiError("auth_failed", "This site has no WordPress credentials.", {
      fix: "Edit the integration and enter the WordPress username and an Application Password.",
    });
  }
  const credentials = { username: site.wpUsername, application_password: secret };
  return { siteUrl: integration.externalSiteUrl, credentials };
}

/**
 * connectionOf for a request: a password that does not decrypt marks the integration in error first.
 * A token the call renews (an expiring OAuth token, whose refresh token is then spent) is sealed in
 * place of the old one, as the sync engine does.
 */
export function openConnection(db: Db, row: IntegrationWithSite): Promise<PlatformConnection> {
  const { integration } = row;
  const saveCredentials = hasOwnCredentials(integration)
    ? async (renewed: Credentials) => {
        const credentialsJson = sealCredentials(integration, renewed);
        await q.updateIntegration(db, { accountId: integration.accountId, id: integration.id }, { credentialsJson });
      }
    : undefined;
  return markingUnreadable(db, integration, () => ({
    ...connectionOf(row),
    ...(saveCredentials && { saveCredentials }),
  }));
}

/**
 * What cannot be decrypted of an integration's stored secrets now (each as the error its paths
 * answer), for pages that show an integration marked credentials_unreadable. Empty once the
 * secrets open again (a key put back): a new connection test then clears the mark.
 */
export function unreadableCredentials({
  integration,
  site,
}: IntegrationWithSite): { secret: StoredSecret; message: string; fix?: string }[] {
  const problems = [];
  const opens = {
    ...(hasOwnCredentials(integration)
      ? { credentials: () => openIntegrationCredentials(integration, site) }
      : { application_password: () => openApplicationPassword(site) }),
    webhook_secret: () => openWebhookSecrets(integration),
  };
  for (const [secret, open] of Object.entries(opens) as [StoredSecret, () => unknown][]) {
    try {
      open();
    } catch (error) {
      if (!isCredentialsUnreadable(error)) throw error;
      problems.push({ secret, message: error.message, fix: error.fix });
    }
  }
  return problems;
}

export async function listIntegrations(
  db: Db,
  accountId: string,
  query: { site_id?: string; page: number; page_size: number },
) {
  return q.listIntegrations(db, { accountId, siteId: query.site_id, limit: query.page_size, offset: offsetOf(query) });
}

/** The account's integration with its site, or undefined (a page answers its own 404). */
export function findIntegration(db: Db, accountId: string, id: string): Promise<IntegrationWithSite | undefined> {
  return q.getIntegration(db, { accountId, id });
}

/** The site's WordPress integration, if it has one. */
export function findWordPressIntegration(
  db: Db,
  accountId: string,
  siteId: string,
): Promise<SiteIntegration | undefined> {
  return q.getIntegrationForSite(db, { accountId, siteId, platform: "wordpress" });
}

export async function getIntegrationOr404(db: Db, accountId: string, id: string) {
  const row = await q.getIntegration(db, { accountId, id });
  if (!row) throw notFound("Integration");
  return row;
}
