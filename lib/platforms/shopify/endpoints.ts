import "server-only";
import type { OAuthApp, PlatformFetch } from "@/lib/platforms/types";

/**
 * What the adapter is configured with beyond a connection: IGNY8's own app (SHOPIFY_CLIENT_ID and
 * SHOPIFY_CLIENT_SECRET: it renews the expiring tokens one-click connect stores) and a gateway.
 */
export type ShopifyEndpoints = {
  /**
   * SHOPIFY_API_URL: every request for a `*.myshopify.com` store (Admin API, OAuth, the authorize
   * page the user is sent to) goes to this origin instead, same path. Tests: the Shopify test server.
   */
  gatewayUrl?: string;
  /** IGNY8's app, when the environment has it. */
  app?: OAuthApp;
};

/** The environment variables of IGNY8's Shopify app. */
export const SHOPIFY_APP_VARS = { clientIdVar: "SHOPIFY_CLIENT_ID", clientSecretVar: "SHOPIFY_CLIENT_SECRET" };

const isShopHost = (host: string) => /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(host);

/** A store URL as the gateway serves it (unchanged without one, or for any other host). */
export function throughGateway(url: string | URL, gatewayUrl: string | undefined): URL {
  const target = new URL(url);
  if (!gatewayUrl || !isShopHost(target.hostname)) return target;
  const gateway = new URL(gatewayUrl);
  return new URL(target.pathname + target.search, gateway.origin);
}

/** The egress with store URLs sent through the gateway. */
export function gatewayFetch(http: PlatformFetch, gatewayUrl: string | undefined): PlatformFetch {
  if (!gatewayUrl) return http;
  return (url, init) => http(throughGateway(url, gatewayUrl), init);
}
