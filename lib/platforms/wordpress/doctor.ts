import "server-only";
import { egressFetch, EgressError, type EgressFetch } from "@/lib/server/egress";
import { PlatformError, type ConnectionReport } from "@/lib/platforms/types";
import {
  createWordPressClient,
  normaliseSiteUrl,
  type Discovery,
  type RetryOptions,
} from "@/lib/platforms/wordpress/client";
import { FIX } from "@/lib/platforms/wordpress/errors";
import { explainAuthFailure, type Problem } from "@/lib/platforms/wordpress/doctor-auth";
import type { WpUser } from "@/lib/platforms/wordpress/schemas";

/**
 * The connection doctor: says whether URL + username + Application Password work, and if not,
 * exactly what is wrong and how to fix it. Credentials are verified with
 * `GET users/me?context=edit` only (a wrong password on a public route is served as anonymous).
 */

export type DiagnoseInput = {
  siteUrl: string;
  username: string;
  applicationPassword: string;
  fetchImpl?: EgressFetch;
  retry?: RetryOptions;
};

/** The doctor's verdict; `wordpress` is what we learnt about the site (partial on failure). */
export type WordPressDiagnosis = Omit<ConnectionReport, "site"> & { wordpress: ConnectionReport["site"] };

function explainError(err: unknown): Problem {
  if (err instanceof EgressError)
    err = new PlatformError(err.code === "blocked_address" ? "blocked_address" : "unreachable", err.message);
  if (!(err instanceof PlatformError)) throw err;
  switch (err.code) {
    case "invalid_url":
    case "blocked_address":
    case "unreachable":
      return { code: err.code, message: err.message, fix: err.fix, reason: err.platformCode };
    case "rest_blocked":
      return {
        code: "rest_blocked",
        message: `The site's REST API is blocked: ${err.message}`,
        fix: FIX.restBlocked,
        reason: err.platformCode,
      };
    case "forbidden":
      return {
        code: "rest_blocked",
        message: `WordPress refused access to the REST API (${err.platformCode ?? "403"}): ${err.message}`,
        fix: FIX.restBlocked,
      };
    case "invalid_response":
      if (err.platformCode === "not_wordpress") return { code: "not_wordpress", message: err.message, fix: err.fix };
      return { code: "invalid_response", message: err.message, fix: err.fix };
    default:
      return { code: "unreachable", message: err.message, fix: err.fix ?? FIX.unreachable, reason: err.code };
  }
}

async function readVersion(fetchImpl: EgressFetch, siteUrl: string): Promise<string | undefined> {
  try {
    const res = await fetchImpl(`${siteUrl}/?feed=rss2`, { timeoutMs: 5_000, maxBytes: 512 * 1024 });
    const match = /<generator>https?:\/\/wordpress\.org\/\?v=([\d.]+)<\/generator>/.exec(await res.text());
    return match?.[1];
  } catch {
    return undefined;
  }
}

function describeCapabilities(user: WpUser) {
  const caps = user.capabilities;
  return {
    publish_posts: caps.publish_posts === true,
    upload_files: caps.upload_files === true,
    manage_categories: caps.manage_categories === true,
  };
}

export async function diagnoseConnection(input: DiagnoseInput): Promise<WordPressDiagnosis> {
  const fetchImpl = input.fetchImpl ?? egressFetch;
  const notes: string[] = [];
  const wordpress: WordPressDiagnosis["wordpress"] = { restUrl: "" };
  const fail = (problem: Problem): WordPressDiagnosis => ({ connected: false, ...problem, notes, wordpress });

  let siteUrl: string;
  try {
    siteUrl = normaliseSiteUrl(input.siteUrl);
  } catch (err) {
    return fail(explainError(err));
  }
  const client = createWordPressClient({
    ...input,
    siteUrl,
    fetchImpl,
    retry: input.retry ?? { retries: 1, baseDelayMs: 300 },
    timeoutMs: 15_000,
  });

  let discovery: Discovery | undefined;
  try {
    discovery = await client.discover();
    wordpress.restUrl = discovery.restUrl;
    if (discovery.isPlainPermalinks) {
      notes.push(
        "plain_permalinks: the site uses plain permalinks, so IGNY8 talks to it through ?rest_route= URLs. Pretty permalinks (Settings → Permalinks → Post name) are recommended but not required.",
      );
    }
    if (siteUrl.startsWith("http:"))
      notes.push("not_https: the site is not served over HTTPS, so the Application Password travels unencrypted.");
  } catch (err) {
    if (err instanceof PlatformError && err.code === "auth_failed")
      return fail(await explainAuthFailure(err, { input, siteUrl, fetchImpl }));
    return fail(explainError(err));
  }

  let me: WpUser;
  try {
    me = await client.getMe();
  } catch (err) {
    if (err instanceof PlatformError && err.code === "auth_failed")
      return fail(await explainAuthFailure(err, { input, siteUrl, discovery, fetchImpl }));
    return fail(explainError(err));
  }

  wordpress.user = { id: me.id, name: me.name, roles: me.roles };
  wordpress.capabilities = describeCapabilities(me);
  wordpress.version = await readVersion(fetchImpl, siteUrl);
  const roles = me.roles.length ? me.roles.join(", ") : "no role";
  const missing = (["publish_posts", "upload_files"] as const).filter((cap) => !wordpress.capabilities![cap]);
  if (missing.length > 0) {
    const what = missing.map((cap) => (cap === "publish_posts" ? "publish posts" : "upload images")).join(" or ");
    return fail({
      code: "insufficient_role",
      message: `The user "${me.name}" (${roles}) cannot ${what}.`,
      fix: FIX.role,
    });
  }
  if (!wordpress.capabilities.manage_categories) {
    notes.push(
      "no_manage_categories: this user cannot create categories; content can only use categories that already exist.",
    );
  }
  const siteName = discovery.index.name ? `"${discovery.index.name}"` : siteUrl;
  return { connected: true, message: `Connected to ${siteName} as ${me.name} (${roles}).`, notes, wordpress };
}
