import "server-only";
import { egressFetch, EgressError, type EgressFetch } from "@/lib/server/egress";
import { PlatformError, type ConnectionProblemCode, type ConnectionReport } from "@/lib/platforms/types";
import {
  createWordPressClient,
  normaliseSiteUrl,
  type Discovery,
  type RetryOptions,
} from "@/lib/platforms/wordpress/client";
import { FIX } from "@/lib/platforms/wordpress/errors";
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

type Problem = { code: ConnectionProblemCode; message: string; fix?: string; reason?: string };

const HEADER_STRIPPED_FIX =
  "Ask your host to pass the Authorization header to WordPress. On Apache add to .htaccess: " +
  'SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1 ; on nginx with PHP-FPM: ' +
  "fastcgi_param HTTP_AUTHORIZATION $http_authorization; ; behind a proxy or CDN, let the header through.";

function hasAppPasswords(discovery: Discovery): boolean {
  const auth = discovery.index.authentication;
  return !!auth && !Array.isArray(auth) && "application-passwords" in auth;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Tells "wrong password" from "header stripped" when WordPress answers both with
 * rest_not_logged_in: XML-RPC takes the same Application Password in the request body, which
 * header-stripping servers leave alone. Only explains a failure; never used to declare success.
 */
async function probeXmlRpc(
  fetchImpl: EgressFetch,
  siteUrl: string,
  username: string,
  password: string,
): Promise<"valid" | "invalid" | "unknown"> {
  const body =
    `<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params>` +
    `<param><value><string>${escapeXml(username)}</string></value></param>` +
    `<param><value><string>${escapeXml(password)}</string></value></param></params></methodCall>`;
  try {
    const res = await fetchImpl(`${siteUrl}/xmlrpc.php`, {
      method: "POST",
      body,
      headers: { "content-type": "text/xml" },
      timeoutMs: 10_000,
      maxBytes: 256 * 1024,
    });
    const text = await res.text();
    if (!res.ok || !text.includes("<methodResponse>")) return "unknown";
    if (!text.includes("<fault>")) return "valid";
    return /<name>faultCode<\/name>\s*<value><int>403<\/int>/.test(text) ? "invalid" : "unknown";
  } catch {
    return "unknown";
  }
}

async function explainAuthFailure(
  err: PlatformError,
  ctx: { input: DiagnoseInput; siteUrl: string; discovery?: Discovery; fetchImpl: EgressFetch },
): Promise<Problem> {
  const { username } = ctx.input;
  if (ctx.discovery && !hasAppPasswords(ctx.discovery)) {
    const isHttps = ctx.siteUrl.startsWith("https:");
    return {
      code: "app_passwords_unavailable",
      message: isHttps
        ? "This WordPress site does not accept Application Passwords: they are turned off, usually by a security plugin or a filter."
        : "This WordPress site does not accept Application Passwords because it is not served over HTTPS (WordPress only allows them on HTTPS sites or in a local environment).",
      fix: isHttps
        ? 'Re-enable Application Passwords (check security plugins such as Wordfence or "Disable Application Passwords"), then create one under Users → Profile.'
        : "Serve the site over HTTPS, then connect with its https:// address.",
    };
  }
  if (err.platformCode === "invalid_username" || err.platformCode === "invalid_email") {
    return {
      code: "auth_failed",
      reason: "unknown_user",
      message: `WordPress has no user "${username}".`,
      fix: "Use the WordPress login name (or email) of the user who created the Application Password.",
    };
  }
  if (err.platformCode === "incorrect_password") {
    return {
      code: "auth_failed",
      reason: "wrong_credentials",
      message: `WordPress rejected the Application Password for "${username}": it is wrong, revoked or expired.`,
      fix: FIX.regenerate,
    };
  }
  const probe = await probeXmlRpc(ctx.fetchImpl, ctx.siteUrl, username, ctx.input.applicationPassword);
  if (probe === "valid") {
    return {
      code: "auth_failed",
      reason: "header_stripped",
      message:
        "The username and Application Password are correct, but WordPress never received them: the web server or a proxy in front of WordPress strips the Authorization header.",
      fix: HEADER_STRIPPED_FIX,
    };
  }
  if (probe === "invalid") {
    return {
      code: "auth_failed",
      reason: "wrong_credentials",
      message: `WordPress rejected the username "${username}" or its Application Password (wrong, revoked or expired).`,
      fix: FIX.regenerate,
    };
  }
  return {
    code: "auth_failed",
    reason: "unverified",
    message: `WordPress did not log in "${username}": the username or Application Password is wrong (or was revoked), or the server strips the Authorization header before WordPress sees it.`,
    fix: `${FIX.credentials} If they are right: ${HEADER_STRIPPED_FIX}`,
  };
}

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
