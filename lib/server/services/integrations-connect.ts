import "server-only";
import type { Db, Executor } from "@/db/client";
import type { Site, SiteIntegration } from "@/db/tables";
import * as q from "@/db/queries/integrations";
import type { IntegrationWithSite } from "@/db/queries/integrations";
import { getSite, updateSite } from "@/db/queries/sites";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import type { ConnectionReport, Credentials, PlatformId } from "@/lib/platforms/types";
import type { ConnectionFields, CreateIntegrationBody, PatchIntegrationBody } from "@/lib/schemas/integrations";
import type { ConnectionTestDto } from "@/lib/schemas/integration-checks";
import { ApiError, notFound } from "../api/errors";
import { logInfo } from "../log";
import { isCredentialsUnreadable, markCredentialsUnreadable } from "./credentials-unreadable";
import { hasOwnCredentials, openIntegrationCredentials, sealCredentials } from "./integration-credentials";
import { requireValidConfig } from "./integration-destinations";
import { draftConnection } from "./integrations-doctor";
import {
  diagnose,
  doctorError,
  getIntegrationOr404,
  openConnection,
  platformOf,
  storedUsername,
  toConnectionTestDto,
  type PlatformConnection,
} from "./integrations";
import { forgetWebhookSender } from "./webhooks/receive";
import { openApplicationPassword, sealApplicationPassword } from "./wordpress-credentials";

/** Connecting, editing, removing and testing integrations: every change is tested before it is stored. */

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
  const connection = { siteUrl: body.external_site_url, credentials, config: body.config_json };
  await requireConnected(body.platform, connection);
  await requireValidConfig(body.platform, body.config_json, async () => connection);
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
  if (body.config_json !== undefined)
    await requireValidConfig(
      platformOf(integration),
      body.config_json,
      () => openConnection(db, current),
      integration.configJson,
    );
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
