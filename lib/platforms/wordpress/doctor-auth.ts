import "server-only";
import type { EgressFetch } from "@/lib/server/egress";
import type { ConnectionProblemCode, PlatformError } from "@/lib/platforms/types";
import type { Discovery } from "@/lib/platforms/wordpress/client";
import { FIX } from "@/lib/platforms/wordpress/errors";

/**
 * Why WordPress did not log the user in: the doctor's explanations of an auth failure.
 */

/** What went wrong, for the doctor's verdict. */
export type Problem = { code: ConnectionProblemCode; message: string; fix?: string; reason?: string };

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

/**
 * Explains a rejected login: Application Passwords unavailable, an unknown user, a wrong password
 * or a stripped Authorization header (told apart by an XML-RPC probe).
 */
export async function explainAuthFailure(
  err: PlatformError,
  ctx: {
    input: { username: string; applicationPassword: string };
    siteUrl: string;
    discovery?: Discovery;
    fetchImpl: EgressFetch;
  },
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
