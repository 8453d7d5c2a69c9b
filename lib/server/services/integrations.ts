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
  connectionTestSchema,
  integrationSchema,
  type ConnectionFields,
  type ConnectionTestDto,
  type CreateIntegrationBody,
  type IntegrationDto,
  type PatchIntegrationBody,
} from "@/lib/schemas/integrations";
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
function storedUsername({ integration, site }: IntegrationWithSite): string | null {
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
export type PlatformConnection = { siteUrl: string; credentials: Credentials; config?: Record<string, unknown> };

/** Runs the platform's connection doctor; never throws for a failed connection. */
export function diagnose(platform: PlatformId, connection: PlatformConnection): Promise<ConnectionReport> {
  return getPlatformAdapter(platform).doctor({ ...connection, http: egressFetch });
}

const draftConnection = (fields: ConnectionFields): PlatformConnection => ({
  siteUrl: fields.external_site_url,
  credentials: { username: fields.username, application_password: fields.application_password },
});

/**
 * The credentials a connect request gives, checked against the platform's own schema: a 422
 * naming the field (`credentials.admin_api_key: ...`) when they do not fit.
 */
export function credentialsOf(body: CreateIntegrationBody): Credentials {
  const given =
    body.platform === "wordpress"
      ? { username: body.username ?? "", application_password: body.application_password ?? "" }
      : (body.credentials ?? {});
  const parsed = getPlatformAdapter(body.platform).credentials.safeParse(given);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    field: body.platform === "wordpress" ? issue.path.join(".") : ["credentials", ...issue.path].join("."),
    message: issue.message,
  }));
  throw new ApiError("validation_error", `${details[0].field}: ${details[0].message}`, { details });
}

/** The integration's platform, when this build supports it. */
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

/** connectionOf for a request: a password that does not decrypt marks the integration in error first. */
export function openConnection(db: Db, row: IntegrationWithSite): Promise<PlatformConnection> {
  return markingUnreadable(db, row.integration, () => connectionOf(row));
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

async function getSiteOr404(db: Db, accountId: string, siteId: string): Promise<Site> {
  const site = await getSite(db, { accountId, id: siteId });
  if (!site)
    throw new ApiError("not_found", "Site not found.", { fix: "Pick one of your sites, or add the site first." });
  return site;
}

/** Fails with the doctor's 422 unless URL + credentials connect. */
async function requireConnected(platform: PlatformId, connection: PlatformConnection) {
  const report = await diagnose(platform, connection);
  if (!report.connected) throw doctorError(report);
  return report;
}

/**
 * Tests, then stores the integration and the site's credentials in one transaction. With
 * `replaceExisting` (one-click connect) an existing integration of the site is reconnected instead
 * of answering 409.
 */
export async function connectSite(
  db: Db,
  accountId: string,
  body: CreateIntegrationBody,
  options: { replaceExisting?: boolean } = {},
): Promise<IntegrationWithSite> {
  const site = await getSiteOr404(db, accountId, body.site_id);
  const siblings = (await q.listSiteIntegrations(db, { accountId, siteId: site.id })).filter(
    (i) => i.platform === body.platform,
  );
  // One integration per (site, platform, external site); one-click reconnects the site's own.
  const existing =
    siblings.find((i) => i.externalSiteUrl === body.external_site_url) ??
    (options.replaceExisting ? siblings.find((i) => !hasOwnCredentials(i)) : undefined);
  if (existing && !options.replaceExisting) {
    throw new ApiError("already_exists", `"${site.name}" already has a ${body.platform} integration at this address.`, {
      fix: "Edit that integration to change its address or rotate its Application Password.",
      details: { integration_id: existing.id },
    });
  }
  const credentials = credentialsOf(body);
  await requireConnected(body.platform, { siteUrl: body.external_site_url, credentials, config: body.config_json });
  const now = new Date();
  const values = {
    externalSiteUrl: body.external_site_url,
    connectionStatus: "connected" as const,
    connectionErrorCode: null,
    connectionCheckedAt: now,
    ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
    ...(body.sync_enabled !== undefined ? { syncEnabled: body.sync_enabled } : {}),
    ...(body.config_json !== undefined ? { configJson: body.config_json } : {}),
  };
  // The site holds the Application Password of its own WordPress; any other integration keeps its own, sealed.
  const usesSite =
    body.platform === "wordpress" &&
    (existing ? !hasOwnCredentials(existing) : !siblings.some((i) => !hasOwnCredentials(i)));
  const result = await db.transaction(async (tx) => {
    const updatedSite = usesSite
      ? await saveCredentials(tx, site, credentials.username, credentials.application_password)
      : site;
    const id = existing?.id ?? crypto.randomUUID();
    const own = usesSite ? {} : { credentialsJson: sealCredentials({ id, accountId }, credentials) };
    const integration = existing
      ? await q.updateIntegration(tx, { accountId, id: existing.id }, { ...values, ...own })
      : await q.createIntegration(tx, { id, accountId, siteId: site.id, platform: body.platform, ...values, ...own });
    if (!integration) throw notFound("Integration");
    return { integration, site: updatedSite };
  });
  forgetWebhookSender(result.integration.id);
  logInfo(
    `integration ${result.integration.id} connected: site ${site.id} at ${body.external_site_url}` +
      (credentials.username ? ` as ${credentials.username}` : ""),
  );
  return result;
}

async function saveCredentials(db: Executor, site: Site, username: string, password: string): Promise<Site> {
  const updated = await updateSite(
    db,
    { accountId: site.accountId, id: site.id },
    { wpUsername: username, ...sealApplicationPassword(site, password) },
  );
  if (!updated) throw notFound("Site");
  return updated;
}

/**
 * PUT/PATCH. A new URL, username or Application Password is tested first (with the stored password
 * when none is sent); on failure nothing changes and the doctor's 422 is answered.
 */
export async function updateIntegration(
  db: Db,
  accountId: string,
  id: string,
  body: PatchIntegrationBody,
): Promise<IntegrationWithSite> {
  const current = await getIntegrationOr404(db, accountId, id);
  const { integration, site } = current;
  const url = body.external_site_url ?? integration.externalSiteUrl;
  const username = body.username ?? storedUsername(current) ?? "";
  const changesConnection =
    (body.external_site_url !== undefined && body.external_site_url !== integration.externalSiteUrl) ||
    (body.username !== undefined && body.username !== storedUsername(current)) ||
    body.application_password !== undefined;
  const values: Partial<SiteIntegration> = {
    ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
    ...(body.sync_enabled !== undefined ? { syncEnabled: body.sync_enabled } : {}),
    ...(body.config_json !== undefined ? { configJson: body.config_json } : {}),
  };
  if (!changesConnection) {
    const updated = await q.updateIntegration(db, { accountId, id }, values);
    if (!updated) throw notFound("Integration");
    forgetWebhookSender(id);
    return { integration: updated, site };
  }
  const password = body.application_password ?? (await storedPasswordForReconnect(db, current));
  if (!password) {
    throw new ApiError("validation_error", "application_password: is required (this site has none stored)", {
      details: [{ field: "application_password", message: "is required (this site has none stored)" }],
    });
  }
  await requireConnected(
    platformOf(integration),
    draftConnection({ external_site_url: url, username, application_password: password }),
  );
  const own = hasOwnCredentials(integration);
  const result = await db.transaction(async (tx) => {
    const updatedSite = own ? site : await saveCredentials(tx, site, username, password);
    const sealed = own
      ? { credentialsJson: sealCredentials(integration, { username, application_password: password }) }
      : {};
    const updated = await q.updateIntegration(
      tx,
      { accountId, id },
      {
        ...values,
        ...sealed,
        externalSiteUrl: url,
        connectionStatus: "connected",
        connectionErrorCode: null,
        connectionCheckedAt: new Date(),
      },
    );
    if (!updated) throw notFound("Integration");
    return { integration: updated, site: updatedSite };
  });
  forgetWebhookSender(id);
  logInfo(
    `integration ${id} reconnected: ${url} as ${username}${body.application_password ? " (Application Password rotated)" : ""}`,
  );
  return result;
}

/**
 * The stored password, to test a new address or username with. One that does not decrypt cannot
 * be reused: a 422 asking for the password, on the field the edit form shows it.
 */
async function storedPasswordForReconnect(
  db: Db,
  { integration, site }: IntegrationWithSite,
): Promise<string | undefined> {
  try {
    if (hasOwnCredentials(integration)) return openIntegrationCredentials(integration, site).application_password;
    return openApplicationPassword(site);
  } catch (error) {
    if (!isCredentialsUnreadable(error)) throw error;
    await markCredentialsUnreadable(db, integration);
    const problem = "is required: the stored Application Password cannot be decrypted, so it cannot be reused";
    throw new ApiError("credentials_unreadable", `application_password: ${problem}. ${error.message}`, {
      fix: `Enter the Application Password with this change (Integrations → Edit → New Application Password). ${error.fix}`,
      details: [{ field: "application_password", message: problem }],
    });
  }
}

/** Removes the integration and the site's WordPress credentials with it. */
export async function deleteIntegration(db: Db, accountId: string, id: string) {
  const { integration, site } = await getIntegrationOr404(db, accountId, id);
  await db.transaction(async (tx) => {
    await q.deleteIntegration(tx, { accountId, id });
    if (integration.platform === "wordpress" && !hasOwnCredentials(integration)) {
      await updateSite(tx, { accountId, id: site.id }, { wpUsername: null, wpApiKey: null, wpApiKeyLast4: null });
    }
  });
  forgetWebhookSender(id);
}

/** Re-tests a stored integration and records the verdict (connection_status, error code). */
export async function testIntegrationConnection(db: Db, accountId: string, id: string): Promise<ConnectionTestDto> {
  const row = await getIntegrationOr404(db, accountId, id);
  let report: ConnectionReport;
  try {
    report = await diagnose(platformOf(row.integration), await openConnection(db, row));
  } catch (error) {
    // An unreadable password is no verdict on the site (nothing was asked): its error, already recorded.
    if (!(error instanceof ApiError) || error.code === "credentials_unreadable") throw error;
    report = {
      connected: false,
      code: "auth_failed",
      message: error.message,
      fix: error.fix,
      notes: [],
      site: { restUrl: "" },
    };
  }
  await q.updateIntegration(
    db,
    { accountId, id },
    {
      connectionStatus: report.connected ? "connected" : "error",
      connectionErrorCode: report.connected ? null : (report.code ?? "auth_failed"),
      connectionCheckedAt: new Date(),
    },
  );
  return toConnectionTestDto(report);
}

/** The doctor on URL + credentials before anything is saved (the form's inline check). */
export async function testDraftConnection(
  fields: ConnectionFields,
  platform: PlatformId = "wordpress",
): Promise<ConnectionTestDto> {
  return toConnectionTestDto(await diagnose(platform, draftConnection(fields)));
}
