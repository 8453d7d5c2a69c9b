import "server-only";
import type { PlatformAdapter } from "@/lib/platforms/types";
import { diagnoseWebflow, normaliseSiteUrl } from "./doctor";
import { webflowAuthorize } from "./authorize";
import { WEBFLOW_APP_VARS } from "./oauth";
import { webflowCredentialsSchema } from "./schemas";
import { connectWebflow } from "./session";
import type { WebflowEndpoints } from "./site";
import { webflowPlatformSetup } from "./setup";
import { webflowWebhooks } from "./webhooks";

export { suggestFieldMap, validateFieldMap } from "./fields";
export { webflowSetup } from "./setup";
export { exchangeWebflowCode, webflowAuthorizeUrl, WEBFLOW_APP_VARS, WEBFLOW_SCOPES } from "./oauth";

/** The Webflow adapter against `endpoints` (Webflow's own API by default; the test server in tests). */
export function createWebflowAdapter(endpoints: WebflowEndpoints = {}): PlatformAdapter {
  return {
    id: "webflow",
    displayName: "Webflow",
    capabilities: {
      contentTypes: ["post"],
      taxonomies: ["category", "tag"],
      // Webflow cannot schedule through its API: IGNY8's own scheduler publishes at the time.
      scheduling: false,
      batchWrite: { maxItems: 100 },
      changeFeed: "cursor",
      conflictGuard: "read-then-write",
      webhooks: "signed",
      media: "upload",
      authorize: "oauth",
    },
    credentials: webflowCredentialsSchema,
    doctor: (params) => diagnoseWebflow(params, endpoints),
    normaliseSiteUrl,
    connect: (params) => connectWebflow(params, endpoints),
    webhooks: {
      ...webflowWebhooks,
      // Only OAuth connections (IGNY8's app) register webhooks, and Webflow signs them with the app's client secret.
      signingSecrets: (credentials) =>
        credentials.access_token && endpoints.app?.clientSecret ? [endpoints.app.clientSecret] : [],
    },
    authorize: webflowAuthorize(endpoints),
    setup: webflowPlatformSetup(endpoints),
  };
}

/**
 * Webflow CMS collections through the Data API v2 and the official webflow-api client;
 * WEBFLOW_API_URL and WEBFLOW_OAUTH_URL point it at a gateway (or, in tests, the spec-validated test server).
 */
export const webflowAdapter: PlatformAdapter = createWebflowAdapter({
  // Read at each connection, not at start-up.
  get baseUrl() {
    return process.env.WEBFLOW_API_URL || undefined;
  },
  get oauthUrl() {
    return process.env.WEBFLOW_OAUTH_URL || undefined;
  },
  get app() {
    const clientId = process.env[WEBFLOW_APP_VARS.clientIdVar];
    const clientSecret = process.env[WEBFLOW_APP_VARS.clientSecretVar];
    return clientId && clientSecret ? { clientId, clientSecret } : undefined;
  },
});
