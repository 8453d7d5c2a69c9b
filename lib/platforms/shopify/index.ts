import "server-only";
import type { PlatformAdapter } from "@/lib/platforms/types";
import { shopifyAuthorize } from "./authorize";
import { shopifyCredentialsSchema } from "./credentials";
import { shopifyDestinations } from "./destinations";
import { diagnoseShopify } from "./doctor";
import { SHOPIFY_APP_VARS, type ShopifyEndpoints } from "./endpoints";
import { connectShopify } from "./session";
import { normaliseSiteUrl } from "./site-url";
import { shopifyWebhooks } from "./webhooks";

export {
  buildAuthorizeUrl,
  callbackShop,
  clientCredentialsToken,
  exchangeCode,
  refreshAccessToken,
  verifyCallbackHmac,
  SHOPIFY_SCOPES,
} from "./oauth";
export { shopifyConfigSchema } from "./store";

/**
 * Shopify's blog articles ("post"), pages and product descriptions through the Admin GraphQL API
 * 2026-10, against `endpoints` (Shopify itself by default; a gateway or the test server in tests).
 * One-click connect is OAuth as IGNY8's own app (authorize.ts).
 */
export function createShopifyAdapter(endpoints: ShopifyEndpoints = {}): PlatformAdapter {
  return {
    id: "shopify",
    displayName: "Shopify",
    capabilities: {
      contentTypes: ["post", "page", "product"],
      taxonomies: ["category", "tag"],
      scheduling: true,
      batchWrite: false,
      changeFeed: "cursor",
      conflictGuard: "read-then-write",
      webhooks: "signed",
      media: "upload",
      authorize: "oauth",
      authenticatedReads: true,
    },
    credentials: shopifyCredentialsSchema,
    doctor: (params) => diagnoseShopify(params, endpoints),
    normaliseSiteUrl,
    connect: (params) => connectShopify(params, endpoints),
    webhooks: {
      ...shopifyWebhooks,
      // Stores connected through IGNY8's app (one-click) are signed with that app's secret.
      signingSecrets(credentials) {
        const app = endpoints.app;
        const isOurApp = app && (credentials.client_id === undefined || credentials.client_id === app.clientId);
        return [...shopifyWebhooks.signingSecrets!(credentials), ...(isOurApp ? [app.clientSecret] : [])];
      },
    },
    authorize: shopifyAuthorize(endpoints),
    destinations: shopifyDestinations(endpoints),
  };
}

/** The registered adapter: SHOPIFY_API_URL and IGNY8's app are read at each connection, not at start-up. */
export const shopifyAdapter: PlatformAdapter = createShopifyAdapter({
  get gatewayUrl() {
    return process.env.SHOPIFY_API_URL || undefined;
  },
  get app() {
    const clientId = process.env[SHOPIFY_APP_VARS.clientIdVar];
    const clientSecret = process.env[SHOPIFY_APP_VARS.clientSecretVar];
    return clientId && clientSecret ? { clientId, clientSecret } : undefined;
  },
});
