import "server-only";
import type { PlatformAuthorize } from "@/lib/platforms/types";
import {
  exchangeWebflowCode,
  WEBFLOW_APP_VARS,
  WEBFLOW_AUTHORIZE_URL,
  WEBFLOW_TOKEN_URL,
  webflowAuthorizeUrl,
} from "./oauth";
import type { WebflowEndpoints } from "./site";

/** Webflow's authorize and token addresses, or the test server's when `oauthUrl` names one. */
function oauthUrls(endpoints: WebflowEndpoints) {
  const base = endpoints.oauthUrl?.replace(/\/+$/, "");
  return base
    ? { authorizeUrl: `${base}/oauth/authorize`, tokenUrl: `${base}/oauth/access_token` }
    : { authorizeUrl: WEBFLOW_AUTHORIZE_URL, tokenUrl: WEBFLOW_TOKEN_URL };
}

/**
 * One-click connect by OAuth as IGNY8's Data Client App: start sends the user to Webflow to pick the
 * sites IGNY8 may use; the redirect back's code is exchanged for an access token (Webflow's do not
 * expire). The site, collection and field map are chosen after connecting, on the mapping screen.
 */
export function webflowAuthorize(endpoints: WebflowEndpoints): PlatformAuthorize {
  return {
    oauthApp: WEBFLOW_APP_VARS,

    async start({ state, callbackUrl, app }) {
      if (!app) return { ok: false, code: "oauth_not_configured", message: "Webflow's app is not set up." };
      const { authorizeUrl } = oauthUrls(endpoints);
      return {
        ok: true,
        url: webflowAuthorizeUrl({ clientId: app.clientId, redirectUri: callbackUrl, state, authorizeUrl }),
      };
    },

    async complete({ query, siteUrl, callbackUrl, http, app }) {
      if (!app) return { ok: false, code: "oauth_not_configured" };
      const error = query.get("error");
      if (error) return { ok: false, code: error === "access_denied" ? "rejected" : "oauth_error", message: error };
      const code = query.get("code");
      if (!code) return { ok: false, code: "invalid_callback", message: "The callback carries no code." };
      const { access_token } = await exchangeWebflowCode({
        http,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        code,
        redirectUri: callbackUrl,
        tokenUrl: oauthUrls(endpoints).tokenUrl,
      });
      return { ok: true, siteUrl, credentials: { access_token } };
    },
  };
}
