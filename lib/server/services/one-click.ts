import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { verifications } from "@/db/tables";
import { getSite } from "@/db/queries/sites";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import type { PlatformAuthorize, PlatformId } from "@/lib/platforms/types";
import { egressFetch } from "../egress";
import { oneClickStartSchema, type CreateIntegrationBody } from "@/lib/schemas/integrations";
import { getEnv } from "../env";
import { ApiError, notFound } from "../api/errors";
import type { AuthContext } from "../session";
import { connectSite } from "./integrations-connect";
import { toApiError } from "./integrations-structure";

/**
 * One-click connect through WordPress's own "Authorize Application" screen
 * (wp-admin/authorize-application.php, WordPress 5.6+). The user approves in their WordPress
 * admin; WordPress redirects back to our callback with site_url, user_login and a new
 * Application Password, which we test and save exactly as POST /integration/ does.
 *
 * The `state` is a random token; only its SHA-256 is stored (a row in `verifications`, the
 * generic single-use token table), bound to the user, account and site, expiring after 15 minutes
 * and deleted on first use. A tampered, reused or foreign state finds no row.
 */

/** Fixed app id: the platform groups the credentials it creates for IGNY8 under it (WordPress: app_id). */
export const IGNY8_APP_ID = "7c1d3f0e-5a8b-4c2d-9e6f-1a2b3c4d5e6f";
const IDENTIFIER = "wordpress-connect";
const TTL_MS = 15 * 60 * 1000;
export const CALLBACK_PATH = "/settings/integration/connect/callback";

type StatePayload = { userId: string; accountId: string; siteId: string; siteUrl: string };

const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/** The platform one-click connects to (WordPress's "Authorize Application" today). */
const PLATFORM: PlatformId = "wordpress";

function authorizeOf(platform: PlatformId): PlatformAuthorize {
  const authorize = getPlatformAdapter(platform).authorize;
  if (!authorize) throw new ApiError("unsupported_platform", "This platform has no one-click connect.");
  return authorize;
}

/** What to know before approving in WordPress: shown next to "Connect with WordPress" and answered by the API. */
export function oneClickNotes(): string[] {
  return getEnv().APP_URL.startsWith("http:")
    ? [
        "IGNY8 is served over http://: WordPress only returns to an http:// address from sites in a local environment (WP_ENVIRONMENT_TYPE=local). Serve IGNY8 over HTTPS to connect public sites this way, or use an Application Password below.",
      ]
    : [];
}

/** Starts one-click connect: returns the platform's address to send the user to. */
export async function startOneClick(db: Db, auth: AuthContext, body: { site_id: string; external_site_url: string }) {
  const site = await getSite(db, { accountId: auth.accountId, id: body.site_id });
  if (!site) throw notFound("Site");
  const authorize = authorizeOf(PLATFORM);
  let siteUrl: string;
  try {
    siteUrl = getPlatformAdapter(PLATFORM).normaliseSiteUrl(body.external_site_url);
  } catch (error) {
    throw toApiError(error);
  }

  const state = randomBytes(32).toString("base64url");
  const payload: StatePayload = { userId: auth.userId, accountId: auth.accountId, siteId: site.id, siteUrl };
  const expiresAt = new Date(Date.now() + TTL_MS);
  const { APP_URL } = getEnv();
  const callback = new URL(CALLBACK_PATH, `${APP_URL}/`);
  callback.searchParams.set("state", state);
  const reject = new URL(callback);
  reject.searchParams.set("rejected", "1");
  // A platform may refuse a second credential with the same name for a user (WordPress: 409), so
  // each connection gets its own: "IGNY8 (Blog, 2026-11-28 02:50 UTC)".
  const appName = `IGNY8 (${site.name.slice(0, 60)}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC)`;
  const params = {
    siteUrl,
    http: egressFetch,
    appId: IGNY8_APP_ID,
    appName,
    successUrl: callback.toString(),
    rejectUrl: reject.toString(),
  };
  const started = await authorize.start(params).catch((error: unknown) => {
    throw toApiError(error);
  });
  if (!started.ok) throw new ApiError(started.code, started.message, { isSiteRefusal: true, fix: started.fix });

  // The state is stored once the site has answered: a site that cannot approve leaves no row.
  await db
    .delete(verifications)
    .where(and(eq(verifications.identifier, IDENTIFIER), lt(verifications.expiresAt, new Date())));
  await db
    .insert(verifications)
    .values({ id: hashState(state), identifier: IDENTIFIER, value: JSON.stringify(payload), expiresAt });

  return oneClickStartSchema.parse({
    authorize_url: started.url,
    expires_at: expiresAt.toISOString(),
    notes: oneClickNotes(),
  });
}

export type OneClickOutcome =
  | { status: "connected"; integrationId: string; message: string }
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
  | "site_mismatch"
  | (string & {});

async function consumeState(db: Db, state: string) {
  const [row] = await db
    .delete(verifications)
    .where(and(eq(verifications.id, hashState(state)), eq(verifications.identifier, IDENTIFIER)))
    .returning();
  return row;
}

/** Handles WordPress's redirect back (approve or reject). Saves nothing unless every check passes. */
export async function completeOneClick(
  db: Db,
  auth: AuthContext | undefined,
  params: URLSearchParams,
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
  const row = await consumeState(db, state);
  if (!row) return fail("invalid_state");
  if (row.expiresAt.getTime() < Date.now()) return fail("expired_state");
  const payload = JSON.parse(row.value) as StatePayload;
  if (payload.userId !== auth.userId || payload.accountId !== auth.accountId) return fail("invalid_state");
  if (auth.role !== "owner" && auth.role !== "admin") return fail("forbidden");
  if (params.get("rejected") === "1") return fail("rejected");
  const approved = authorizeOf(PLATFORM).complete(params);
  if (!approved.ok) return fail(approved.code);
  const { credentials } = approved;
  let returnedHost: string;
  try {
    returnedHost = new URL(approved.siteUrl).host;
  } catch {
    return fail("invalid_callback");
  }
  if (returnedHost !== new URL(payload.siteUrl).host) return fail("site_mismatch");

  try {
    const { integration } = await connectSite(
      db,
      auth.accountId,
      {
        site_id: payload.siteId,
        platform: PLATFORM,
        external_site_url: payload.siteUrl,
        ...credentials,
      } as CreateIntegrationBody,
      { replaceExisting: true },
    );
    const as = credentials.username ? ` as ${credentials.username}` : "";
    return { status: "connected", integrationId: integration.id, message: `Connected ${payload.siteUrl}${as}.` };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    return fail(error.code, { reason, message: error.message });
  }
}
