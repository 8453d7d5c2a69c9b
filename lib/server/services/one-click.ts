import "server-only";
import type { Db } from "@/db/client";
import { getSite } from "@/db/queries/sites";
import { getPlatformAdapter, platformIds } from "@/lib/platforms/registry";
import type { OAuthApp, PlatformAdapter, PlatformAuthorize, PlatformId } from "@/lib/platforms/types";
import { createIntegrationBodySchema, oneClickStartSchema, type OneClickStartBody } from "@/lib/schemas/integrations";
import { egressFetch } from "../egress";
import { getEnv } from "../env";
import { ApiError, notFound } from "../api/errors";
import type { AuthContext } from "../session";
import { connectSite } from "./integrations-connect";
import { toApiError } from "./integrations-structure";
import { consumeState, newState, saveState, stateTtlMs } from "./one-click-state";

/**
 * One-click connect: the user approves IGNY8 on the platform's own screen and comes back to our
 * callback, where the platform's answer is checked and the site connected exactly as
 * POST /integration/ does (doctor first, credentials sealed). WordPress: its "Authorize
 * Application" screen hands back an Application Password. Shopify and Webflow: OAuth, as IGNY8's
 * own app (SHOPIFY_* / WEBFLOW_* client id and secret), the code exchanged for tokens. The state is
 * single use and bound to the user, account, site and platform (one-click-state.ts).
 */

/** Fixed app id: the platform groups the credentials it creates for IGNY8 under it (WordPress: app_id). */
export const IGNY8_APP_ID = "7c1d3f0e-5a8b-4c2d-9e6f-1a2b3c4d5e6f";
export const CALLBACK_PATH = "/settings/integration/connect/callback";

function authorizeOf(adapter: PlatformAdapter): PlatformAuthorize {
  if (!adapter.authorize)
    throw new ApiError("unsupported_platform", `${adapter.displayName} has no one-click connect.`, {
      fix: "Connect it with its credentials instead.",
    });
  return adapter.authorize;
}

/**
 * IGNY8's OAuth app on a platform, from the environment; `missing` names the unset variables.
 * Platforms without OAuth need none.
 */
export function oauthAppOf(platform: PlatformId): { app?: OAuthApp; missing: string[] } {
  const vars = getPlatformAdapter(platform).authorize?.oauthApp;
  if (!vars) return { missing: [] };
  const env = getEnv() as unknown as Record<string, string | undefined>;
  const [clientId, clientSecret] = [env[vars.clientIdVar], env[vars.clientSecretVar]];
  const missing = [vars.clientIdVar, vars.clientSecretVar].filter((name) => !env[name]);
  return clientId && clientSecret ? { app: { clientId, clientSecret }, missing } : { missing };
}

/** The refusal of a start while the platform's app is not configured: which variables to set. */
export function notConfigured(platform: PlatformId, missing: string[]): ApiError {
  const name = getPlatformAdapter(platform).displayName;
  return new ApiError(
    "oauth_not_configured",
    `Connect with ${name} is not set up on this server: set ${missing.join(" and ")}.`,
    {
      fix: `Set ${missing.join(" and ")} in IGNY8's environment (the client id and secret of IGNY8's ${name} app) and restart it, or connect with a token instead.`,
    },
  );
}

/** Per OAuth platform this server cannot connect in one click, the message naming the variables to set. */
export function oneClickUnavailable(): Partial<Record<PlatformId, string>> {
  const entries = platformIds
    .map((platform) => [platform, oauthAppOf(platform).missing] as const)
    .filter(([, missing]) => missing.length > 0)
    .map(([platform, missing]) => [platform, notConfigured(platform, missing).message]);
  return Object.fromEntries(entries);
}

/** What to know before approving in WordPress: shown next to "Connect with WordPress" and answered by the API. */
export function oneClickNotes(platform: PlatformId = "wordpress"): string[] {
  return platform === "wordpress" && getEnv().APP_URL.startsWith("http:")
    ? [
        "IGNY8 is served over http://: WordPress only returns to an http:// address from sites in a local environment (WP_ENVIRONMENT_TYPE=local). Serve IGNY8 over HTTPS to connect public sites this way, or use an Application Password below.",
      ]
    : [];
}

const callbackUrl = () => new URL(CALLBACK_PATH, `${getEnv().APP_URL}/`).toString();

/** Starts one-click connect: returns the platform's address to send the user to. */
export async function startOneClick(db: Db, auth: AuthContext, body: OneClickStartBody) {
  const platform = body.platform ?? "wordpress";
  const site = await getSite(db, { accountId: auth.accountId, id: body.site_id });
  if (!site) throw notFound("Site");
  const adapter = getPlatformAdapter(platform);
  const authorize = authorizeOf(adapter);
  const { app, missing } = oauthAppOf(platform);
  if (missing.length) throw notConfigured(platform, missing);
  let siteUrl: string;
  try {
    siteUrl = adapter.normaliseSiteUrl(body.external_site_url);
  } catch (error) {
    throw toApiError(error);
  }

  const state = newState();
  const expiresAt = new Date(Date.now() + stateTtlMs(adapter.capabilities.authorize));
  // A platform may refuse a second credential with the same name for a user (WordPress: 409), so
  // each connection gets its own: "IGNY8 (Blog, 2026-11-28 02:50 UTC)".
  const appName = `IGNY8 (${site.name.slice(0, 60)}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC)`;
  const started = await authorize
    .start({ siteUrl, http: egressFetch, state, callbackUrl: callbackUrl(), appId: IGNY8_APP_ID, appName, app })
    .catch((error: unknown) => {
      throw toApiError(error);
    });
  if (!started.ok && started.field) {
    const details = [{ field: started.field, message: started.message }];
    throw new ApiError("validation_error", `${started.field}: ${started.message}`, { details });
  }
  if (!started.ok) throw new ApiError(started.code, started.message, { isSiteRefusal: true, fix: started.fix });

  // The state is stored once the site has answered: a site that cannot approve leaves no row.
  await saveState(
    db,
    state,
    { userId: auth.userId, accountId: auth.accountId, siteId: site.id, siteUrl, platform },
    expiresAt,
  );
  return oneClickStartSchema.parse({
    authorize_url: started.url,
    expires_at: expiresAt.toISOString(),
    notes: oneClickNotes(platform),
  });
}

export type OneClickOutcome =
  | { status: "connected"; platform: PlatformId; integrationId: string; message: string }
  | { status: "failed"; code: OneClickFailure; reason?: string; message?: string };

/** Why a callback saved nothing; the result page explains each. */
export type OneClickFailure =
  | "signed_out"
  | "invalid_state"
  | "expired_state"
  | "forbidden"
  | "rejected"
  | "app_passwords_unavailable"
  | "invalid_callback"
  | "invalid_signature"
  | "invalid_shop"
  | "site_mismatch"
  | "oauth_not_configured"
  | (string & {});

/**
 * Handles the platform's redirect back (approve or reject). Saves nothing unless every check passes.
 * `seen.platform` is set once the state names the platform (the result page's title).
 */
export async function completeOneClick(
  db: Db,
  auth: AuthContext | undefined,
  params: URLSearchParams,
  seen: { platform?: PlatformId } = {},
): Promise<OneClickOutcome> {
  const fail = (code: OneClickFailure, extra: { reason?: string; message?: string } = {}): OneClickOutcome => ({
    status: "failed",
    code,
    ...extra,
  });
  if (!auth) return fail("signed_out");
  // A NUL character cannot be looked up or stored (PostgreSQL refuses it): an altered callback.
  if ([...params.values()].some((value) => value.includes("\u0000"))) return fail("invalid_callback");
  const state = params.get("state");
  if (!state || state.length > 200) return fail("invalid_state");
  const found = await consumeState(db, state);
  if (!found) return fail("invalid_state");
  const { payload, expiresAt } = found;
  const platform = (seen.platform = payload.platform);
  if (expiresAt.getTime() < Date.now()) return fail("expired_state");
  if (payload.userId !== auth.userId || payload.accountId !== auth.accountId) return fail("invalid_state");
  if (auth.role !== "owner" && auth.role !== "admin") return fail("forbidden");
  const { app, missing } = oauthAppOf(platform);
  if (missing.length) return fail("oauth_not_configured");

  let approved: Awaited<ReturnType<PlatformAuthorize["complete"]>>;
  try {
    const authorize = authorizeOf(getPlatformAdapter(platform));
    approved = await authorize.complete({
      query: params,
      siteUrl: payload.siteUrl,
      callbackUrl: callbackUrl(),
      http: egressFetch,
      app,
    });
  } catch (error) {
    const mapped = toApiError(error);
    if (!(mapped instanceof ApiError)) throw error;
    return fail(mapped.code, { message: mapped.message });
  }
  if (!approved.ok) return fail(approved.code, approved.message ? { message: approved.message } : {});
  let returnedHost: string;
  try {
    returnedHost = new URL(approved.siteUrl).host;
  } catch {
    return fail("invalid_callback");
  }
  if (returnedHost !== new URL(payload.siteUrl).host) return fail("site_mismatch");
  const body = createIntegrationBodySchema.safeParse({
    site_id: payload.siteId,
    platform,
    external_site_url: payload.siteUrl,
    credentials: approved.credentials,
  });
  if (!body.success) return fail("invalid_callback");

  try {
    const { integration } = await connectSite(db, auth.accountId, body.data, { replaceExisting: true });
    const { username } = approved.credentials;
    const as = username ? ` as ${username}` : "";
    return {
      status: "connected",
      platform,
      integrationId: integration.id,
      message: `Connected ${payload.siteUrl}${as}.`,
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    return fail(error.code, { reason, message: error.message });
  }
}
