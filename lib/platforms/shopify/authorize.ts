import "server-only";
import { PlatformError, type PlatformAuthorize } from "@/lib/platforms/types";
import { gatewayFetch, SHOPIFY_APP_VARS, throughGateway, type ShopifyEndpoints } from "./endpoints";
import { buildAuthorizeUrl, callbackShop, exchangeCode, tokensAsCredentials, verifyCallbackHmac } from "./oauth";

/** A store's one form for OAuth: `https://<shop>.myshopify.com` and nothing else. */
const SHOP_URL = /^https:\/\/[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * One-click connect by OAuth (authorization-code grant, expiring offline tokens) as IGNY8's own
 * app. Start sends the merchant to their store's approval page; the redirect back is checked
 * (Shopify's HMAC over the query in constant time, the shop's host, the shop the state was issued
 * for) before its code is exchanged for an access token, a refresh token and their expiry.
 */
export function shopifyAuthorize(endpoints: ShopifyEndpoints): PlatformAuthorize {
  return {
    oauthApp: SHOPIFY_APP_VARS,

    async start({ siteUrl, state, callbackUrl, app }) {
      if (!app) return { ok: false, code: "oauth_not_configured", message: "Shopify's app is not set up." };
      if (!SHOP_URL.test(siteUrl))
        return {
          ok: false,
          code: "validation_error",
          field: "external_site_url",
          message: "must be the store's https://<shop>.myshopify.com address (Shopify admin → Settings → Domains)",
        };
      const url = buildAuthorizeUrl({ siteUrl, clientId: app.clientId, redirectUri: callbackUrl, state });
      return { ok: true, url: throughGateway(url, endpoints.gatewayUrl).toString() };
    },

    async complete({ query, siteUrl, http, app }) {
      if (!app) return { ok: false, code: "oauth_not_configured" };
      if (query.get("error"))
        return { ok: false, code: query.get("error") === "access_denied" ? "rejected" : "oauth_error" };
      if (!query.get("hmac") || !verifyCallbackHmac(query, app.clientSecret))
        return { ok: false, code: "invalid_signature", message: "The callback is not signed by Shopify." };
      const shop = callbackShop(query);
      if (!shop) return { ok: false, code: "invalid_shop", message: "The callback names no myshopify.com store." };
      if (`https://${shop}` !== siteUrl)
        return { ok: false, code: "site_mismatch", message: `Shopify answered for ${shop}, not ${siteUrl}.` };
      const code = query.get("code");
      if (!code) return { ok: false, code: "invalid_callback", message: "The callback carries no code." };
      const tokens = await exchangeCode({ siteUrl, http: gatewayFetch(http, endpoints.gatewayUrl), app, code });
      if (!tokens.refresh_token || !tokens.expires_at)
        throw new PlatformError(
          "invalid_response",
          "Shopify answered a token that does not expire (asked for one that does).",
        );
      // The app's id names who can renew the token; its secret stays in the environment.
      return { ok: true, siteUrl, credentials: { ...tokensAsCredentials(tokens), client_id: app.clientId } };
    },
  };
}
