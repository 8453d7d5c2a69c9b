import fs from "node:fs";

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  return candidates.find((p) => fs.existsSync(p));
}

/** Fixed keys for the test server only. */
export const TEST_ENCRYPTION_KEYS = "e2e1:" + Buffer.alloc(32, 9).toString("base64");

/** The WordPress fixture and any local test servers are private addresses: allow exactly those. */
export function egressAllow(): string {
  const hosts = new Set((process.env.EGRESS_ALLOW ?? "").split(",").filter(Boolean));
  for (const name of ["WP_TEST_URL", "WP_TEST_PLAIN_URL"]) {
    const value = process.env[name];
    if (value) hosts.add(new URL(value).host);
  }
  return [...hosts].join(",");
}

/** System admin of the e2e server (the platform's AI settings and model prices need one). */
export const E2E_ADMIN_EMAIL = "e2e-platform-admin@example.test";

/** Port of the provider fakes (test/fakes/serve.ts) that belong to the app on `baseURL`. */
export function providerFakesPort(baseURL: string): number {
  return Number(new URL(baseURL).port) + 90;
}

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
    EGRESS_ALLOW: egressAllow(),
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
