import "server-only";
import { PlatformError, type PlatformAuthorize, type PlatformFetch } from "@/lib/platforms/types";
import { createWordPressClient } from "./client";

/**
 * One-click connect through WordPress's own "Authorize Application" screen
 * (wp-admin/authorize-application.php, WordPress 5.6+). The user approves in their WordPress
 * admin; WordPress redirects back with site_url, user_login and a new Application Password.
 */
export const wordpressAuthorize: PlatformAuthorize = {
  async start({ siteUrl, http, appId, appName, state, callbackUrl }) {
    const found = await findAuthorizeUrl(siteUrl, http);
    if (!found.ok) return found;
    // WordPress appends its answer to success_url, so the state rides on it; reject_url says "rejected".
    const success = new URL(callbackUrl);
    success.searchParams.set("state", state);
    const reject = new URL(success);
    reject.searchParams.set("rejected", "1");
    const url = new URL(found.url);
    url.searchParams.set("app_name", appName);
    url.searchParams.set("app_id", appId);
    url.searchParams.set("success_url", success.toString());
    url.searchParams.set("reject_url", reject.toString());
    return { ok: true, url: url.toString() };
  },

  async complete({ query }) {
    if (query.get("rejected") === "1" || query.get("success") === "false") return { ok: false, code: "rejected" };
    if (query.get("error") === "disabled") return { ok: false, code: "app_passwords_unavailable" };
    const siteUrl = query.get("site_url");
    const username = query.get("user_login");
    const password = query.get("password");
    if (!siteUrl || !username || !password) return { ok: false, code: "invalid_callback" };
    return { ok: true, siteUrl, credentials: { username, application_password: password } };
  },
};

/** The site's "authorize application" page from its REST index (the default path when it asks for a login). */
async function findAuthorizeUrl(siteUrl: string, http: PlatformFetch) {
  const client = createWordPressClient({
    siteUrl,
    username: "",
    applicationPassword: "",
    fetchImpl: http,
    retry: { retries: 0 },
    timeoutMs: 15_000,
  });
  let authentication: unknown;
  try {
    authentication = (await client.discover()).index.authentication;
  } catch (error) {
    if (error instanceof PlatformError && error.code === "auth_failed")
      return { ok: true as const, url: `${siteUrl}/wp-admin/authorize-application.php` };
    throw error;
  }
  const endpoint = (
    authentication as { "application-passwords"?: { endpoints?: { authorization?: unknown } } } | undefined
  )?.["application-passwords"]?.endpoints?.authorization;
  if (typeof endpoint !== "string") {
    return {
      ok: false as const,
      code: "app_passwords_unavailable",
      message: "This WordPress site does not offer Application Passwords, so it cannot approve IGNY8.",
      fix: siteUrl.startsWith("http:")
        ? "Serve the site over HTTPS, then connect with its https:// address."
        : "Re-enable Application Passwords (check security plugins), then try again.",
    };
  }
  const url = new URL(endpoint, siteUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return {
      ok: false as const,
      code: "invalid_response",
      message: "The site announced an invalid authorization address.",
    };
  }
  return { ok: true as const, url: url.toString() };
}
