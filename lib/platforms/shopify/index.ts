import "server-only";
import type { PlatformAdapter } from "@/lib/platforms/types";
import { shopifyCredentialsSchema } from "./credentials";
import { diagnoseShopify } from "./doctor";
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
 * 2026-10. One-click connect is OAuth, driven by the app's routes with the helpers of oauth.ts
 * (the contract's PlatformAuthorize is the WordPress app-password shape, so `authorize` is absent).
 */
export const shopifyAdapter: PlatformAdapter = {
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
  },
  credentials: shopifyCredentialsSchema,
  doctor: diagnoseShopify,
  normaliseSiteUrl,
  connect: connectShopify,
  webhooks: shopifyWebhooks,
};
