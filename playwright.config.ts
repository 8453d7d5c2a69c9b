import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumPath, providerFakesPort, serverEnv, shopifyServerPort, webflowServerPort } from "./e2e/support/env";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = chromiumPath();
if (!chromium)
  console.log(
    "[e2e] No Chromium found (set CHROMIUM_PATH or apt-get install chromium): browser tests are skipped; API tests run.",
  );

/** Debian's Chromium, started the way this network allows. */
function browser(executablePath: string) {
  return {
    browserName: "chromium" as const,
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  };
}

// Every answer the API tests receive is checked against the OpenAPI document (e2e/support/openapi.ts);
// workers (which inherit this variable) record them here and the global teardown prints the count.
process.env.OPENAPI_ANSWERS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "igny8-openapi-answers-"));

const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "igny8-e2e-"));
// On PostgreSQL a second web process shares the database (tests split concurrent requests over
// both); the embedded database belongs to one process, so there the tests use the one server.
const secondPort = port + 1;
if (process.env.DATABASE_URL) process.env.E2E_SECOND_BASE_URL = `http://127.0.0.1:${secondPort}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./e2e/support/openapi-teardown.ts",
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "api", testDir: "e2e/api" },
    ...(chromium ? [{ name: "ui", testDir: "e2e/ui", use: browser(chromium) }] : []),
    // Runs alone after the others: it reconfigures the test WordPress's one IGNY8 plugin.
    {
      name: "serial",
      testDir: "e2e/serial",
      dependencies: chromium ? ["api", "ui"] : ["api"],
      use: chromium ? browser(chromium) : {},
    },
  ],
  webServer: [
    {
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: serverEnv({ baseURL, dataDir }),
    },
    ...(process.env.DATABASE_URL
      ? [
          {
            command: `npx next start -p ${secondPort} -H 127.0.0.1`,
            url: `http://127.0.0.1:${secondPort}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
            stdout: "pipe" as const,
            stderr: "pipe" as const,
            env: serverEnv({ baseURL, dataDir }),
          },
        ]
      : []),
    {
      // Local servers speaking the OpenAI, Anthropic, Runware and Bria APIs (serverEnv points the app at them).
      command: `npx tsx test/fakes/serve.ts ${providerFakesPort(baseURL)}`,
      url: `http://127.0.0.1:${providerFakesPort(baseURL)}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The spec-validated Webflow test server (serverEnv points WEBFLOW_API_URL at it).
      command: `npx tsx e2e/support/webflow-server.ts ${webflowServerPort(baseURL)}`,
      url: `http://127.0.0.1:${webflowServerPort(baseURL)}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The spec-validated Shopify test shop (serverEnv points SHOPIFY_API_URL at it).
      command: `npx tsx e2e/support/shopify-server.ts ${shopifyServerPort(baseURL)}`,
      url: `http://127.0.0.1:${shopifyServerPort(baseURL)}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
