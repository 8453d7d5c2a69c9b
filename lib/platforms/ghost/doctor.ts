import "server-only";
import { EgressError } from "@/lib/server/egress";
import {
  PlatformError,
  type ConnectionProblemCode,
  type ConnectionReport,
  type Credentials,
  type PlatformFetch,
} from "@/lib/platforms/types";
import { readKey, type GhostKey } from "./auth";
import { createGhostClient, normaliseSiteUrl } from "./client";
import { FIX, fromEgressError } from "./errors";
import { ghostBrowseSchema, ghostSiteSchema } from "./schemas";

/**
 * The doctor's codes: the shared ones plus Ghost's own (`not_ghost`, `invalid_key_format`,
 * `ghost_too_old`), which ConnectionProblemCode does not list yet.
 */
export type GhostProblemCode = ConnectionProblemCode | "not_ghost" | "invalid_key_format" | "ghost_too_old";
type Problem = { code: GhostProblemCode; message: string; fix?: string; reason?: string };

const MIN_MAJOR = 5;
const NOT_GHOST_FIX =
  "Check the address: it should be the Ghost site itself (the page Ghost Admin's /ghost/ lives under).";

function explain(error: unknown): Problem {
  const err = error instanceof EgressError ? fromEgressError(error) : error;
  if (!(err instanceof PlatformError)) throw err;
  if (err.code === "invalid_url" || err.code === "blocked_address" || err.code === "unreachable")
    return { code: err.code, message: err.message, fix: err.fix, reason: err.platformCode };
  if (err.code === "auth_failed" || err.code === "forbidden") {
    const reason = err.platformCode === "UNKNOWN_ADMIN_API_KEY" ? "unknown_key" : (err.platformCode ?? "refused");
    const message =
      reason === "unknown_key"
        ? "Ghost does not know this Admin API key: it was deleted or regenerated, or belongs to another site."
        : `Ghost refused the Admin API key: ${err.message}`;
    return { code: "auth_failed", reason, message, fix: FIX.key };
  }
  if (err.code === "not_found" || err.code === "invalid_response" || err.code === "rest_blocked")
    return {
      code: "not_ghost",
      message: `No Ghost Admin API answers at this address (${err.message}).`,
      fix: NOT_GHOST_FIX,
    };
  return { code: "unreachable", reason: err.code, message: err.message, fix: err.fix ?? FIX.unreachable };
}

/**
 * Diagnoses a Ghost site and an Admin API key end to end: the address, that a Ghost 5 answers
 * `/ghost/api/admin/site/`, and that the key reads posts (a public read would pass without it).
 */
export async function diagnoseGhost(params: {
  siteUrl: string;
  credentials: Credentials;
  http: PlatformFetch;
}): Promise<ConnectionReport> {
  const notes: string[] = [];
  const site: ConnectionReport["site"] = { restUrl: "" };
  const fail = (p: Problem) => ({ connected: false, ...p, notes, site }) as ConnectionReport;

  let siteUrl: string;
  let key: GhostKey;
  try {
    siteUrl = normaliseSiteUrl(params.siteUrl);
  } catch (error) {
    return fail(explain(error));
  }
  try {
    key = readKey(params.credentials);
  } catch (error) {
    return fail({ code: "invalid_key_format", message: (error as Error).message, fix: FIX.key });
  }
  const client = createGhostClient({ siteUrl, key, http: params.http, retry: { retries: 1, baseDelayMs: 300 } });

  let title: string | undefined;
  try {
    const info = await client.request("GET", "site/", ghostSiteSchema, { anonymous: true });
    site.version = info.site.version;
    title = info.site.title ?? undefined;
  } catch (error) {
    return fail(explain(error));
  }
  site.restUrl = client.apiRoot;
  const major = Number.parseInt(site.version, 10);
  if (!(major >= MIN_MAJOR)) {
    return fail({
      code: "ghost_too_old",
      message: `This site runs Ghost ${site.version}; IGNY8 needs Ghost ${MIN_MAJOR}.0 or later.`,
      fix: "Update Ghost (ghost update with Ghost-CLI, or ask your host), then connect again.",
    });
  }
  try {
    await client.request("GET", "posts/", ghostBrowseSchema("posts"), { query: { limit: 1, fields: "id" } });
  } catch (error) {
    return fail(explain(error));
  }
  if (siteUrl.startsWith("http:")) notes.push("not_https: the site is not served over HTTPS.");
  const name = title ? `"${title}"` : siteUrl;
  return { connected: true, message: `Connected to ${name} (Ghost ${site.version}).`, notes, site };
}
