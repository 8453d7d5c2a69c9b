import fs from "node:fs";

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  return candidates.find((p) => fs.existsSync(p));
}

/** Fixed keys for the test server only. */
export const TEST_ENCRYPTION_KEYS = "e2e1:" + Buffer.alloc(32, 9).toString("base64");

/** The Ghost fixture's info.json (url, adminApiKey), when GHOST_TEST_INFO names one that exists. */
export function ghostTestInfo(): { url: string; adminApiKey: string } | undefined {
  const file = process.env.GHOST_TEST_INFO;
  if (!file || !fs.existsSync(file)) return undefined;
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as { url?: string; adminApiKey?: string };
  return info.url && info.adminApiKey ? { url: info.url, adminApiKey: info.adminApiKey } : undefined;
}

/** The WordPress and Ghost fixtures and the local test servers are private addresses: allow exactly those. */
export function egressAllow(baseURL?: string): string {
  const hosts = new Set((process.env.EGRESS_ALLOW ?? "").split(",").filter(Boolean));
  for (const name of ["WP_TEST_URL", "WP_TEST_PLAIN_URL"]) {
    const value = process.env[name];
    if (value) hosts.add(new URL(value).host);
  }
  const ghost = ghostTestInfo();
  if (ghost) hosts.add(new URL(ghost.url).host);
  if (baseURL) hosts.add(`127.0.0.1:${webflowServerPort(baseURL)}`);
  if (baseURL) hosts.add(`127.0.0.1:${shopifyServerPort(baseURL)}`);
  return [...hosts].join(",");
}

/** System admin of the e2e server (the platform's AI settings and model prices need one). */
export const E2E_ADMIN_EMAIL = "e2e-platform-admin@example.test";

/** Port of the provider fakes (test/fakes/serve.ts) that belong to the app on `baseURL`. */
export function providerFakesPort(baseURL: string): number {
  return Number(new URL(baseURL).port) + 90;
}

/** Port of the Webflow test server (e2e/support/webflow-server.ts) that belongs to the app on `baseURL`. */
export function webflowServerPort(baseURL: string): number {
  return Number(new URL(baseURL).port) + 91;
}

/** Port of the Shopify test shop (e2e/support/shopify-server.ts) that belongs to the app on `baseURL`. */
export function shopifyServerPort(baseURL: string): number {
  return Number(new URL(baseURL).port) + 92;
}

/** The store the specs type in: it exists only behind the app's SHOPIFY_API_URL. */
export const E2E_SHOPIFY_STORE = "igny8-e2e.myshopify.com";

export function serverEnv({ baseURL, dataDir }: { baseURL: string; dataDir: string }): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return {
    ...env,
    DATA_DIR: dataDir,
    APP_URL: baseURL,
    BETTER_AUTH_URL: baseURL,
    ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? TEST_ENCRYPTION_KEYS,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-secret-not-for-production-000000000",
    EGRESS_ALLOW: egressAllow(baseURL),
    WEBFLOW_API_URL: `http://127.0.0.1:${webflowServerPort(baseURL)}/v2`,
    // "Connect with Webflow" against the test server's OAuth pages and its app (lib/platforms/webflow/testing/server.ts).
    // Shopify's app stays unset: its button shows what to configure.
    WEBFLOW_OAUTH_URL: `http://127.0.0.1:${webflowServerPort(baseURL)}`,
    WEBFLOW_CLIENT_ID: "test-client-id",
    WEBFLOW_CLIENT_SECRET: "test-client-secret-0123456789",
    // Every *.myshopify.com store is the Shopify test shop (connected by access token; no app is configured).
    SHOPIFY_API_URL: `http://127.0.0.1:${shopifyServerPort(baseURL)}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Parallel tests connect the same WordPress; only the webhook suite configures its plugin.
    WEBHOOKS_AUTO_INSTALL: "false",
    ...providerBaseUrls(baseURL),
    ADMIN_EMAILS: [process.env.ADMIN_EMAILS, E2E_ADMIN_EMAIL].filter(Boolean).join(","),
  };
}

/** The app talks to the local provider fakes, never to the real APIs. */
function providerBaseUrls(baseURL: string): Record<string, string> {
  const fakes = `http://127.0.0.1:${providerFakesPort(baseURL)}`;
  return {
    OPENAI_BASE_URL: `${fakes}/openai/v1`,
    ANTHROPIC_BASE_URL: `${fakes}/anthropic`,
    RUNWARE_BASE_URL: `${fakes}/runware/v1`,
    BRIA_BASE_URL: `${fakes}/bria/v1`,
  };
}
