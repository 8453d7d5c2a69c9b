// Test-only: one-click connect through the app's real routes (not imported by production code).
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { siteIntegrations, verifications } from "@/db/tables";
import * as authorizeRoute from "@/app/api/v1/integration/authorize/route";
import * as integrationRoute from "@/app/api/v1/integration/[id]/route";
import * as testConnectionRoute from "@/app/api/v1/integration/[id]/test_connection/route";
import * as callbackHandler from "@/app/(app)/settings/integration/connect/callback/route";
import { resetEnvCache } from "@/lib/server/env";
import { createSite } from "@/lib/server/services/sites";
import { createTestTenant } from "@/test/support/db";

/** Sets (or with undefined, unsets) environment variables for this test process. */
export function setEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
}

/** Lets the egress reach a local test server (loopback is refused unless EGRESS_ALLOW lists it). */
export function allowEgress(url: string) {
  setEnv({ EGRESS_ALLOW: [process.env.EGRESS_ALLOW, new URL(url).host].filter(Boolean).join(",") });
}

/** A fresh account with one site, and its API key. */
export async function tenantWithSite(label: string, url = "https://shop.example.com") {
  const tenant = await createTestTenant(label);
  const site = await createSite(tenant.db, tenant.auth.accountId, { name: `${label} site`, url });
  return { ...tenant, site };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** POST /api/v1/integration/authorize/ through its route: the status and the JSON answer. */
export async function startRoute(key: string, body: unknown) {
  const res = await authorizeRoute.POST(
    new Request("http://localhost/api/v1/integration/authorize/", {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown> & { error?: Record<string, string> },
  };
}

/** Opens the authorize URL as the browser would: the platform's test server approves and redirects back. */
export async function followAuthorize(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: "manual" });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get("location")!);
}

/**
 * GET /settings/integration/connect/callback through its route, signed in as `key`: where it sends
 * the user (the result page's query: outcome, code or integration, platform) and its raw Location.
 */
export async function callback(key: string, url: URL) {
  const res = await callbackHandler.GET(new Request(url, { headers: bearer(key) }));
  const location = res.headers.get("location") ?? "";
  return { status: res.status, location, result: Object.fromEntries(new URL(location).searchParams) };
}

/** GET /api/v1/integration/{id} through its route. */
export async function getIntegrationRoute(key: string, id: string) {
  const res = await integrationRoute.GET(
    new Request(`http://localhost/api/v1/integration/${id}/`, { headers: bearer(key) }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, text: await res.text() };
}

/** POST /api/v1/integration/{id}/test_connection/ through its route: the doctor on the stored credentials. */
export async function testConnection(key: string, id: string) {
  const res = await testConnectionRoute.POST(
    new Request(`http://localhost/api/v1/integration/${id}/test_connection/`, { method: "POST", headers: bearer(key) }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The account's integration rows, straight from the database. */
export const integrationRows = (db: Db, accountId: string) =>
  db.select().from(siteIntegrations).where(eq(siteIntegrations.accountId, accountId));

/** Makes a started state expire, as if the user came back after the link's lifetime. */
export async function expireState(db: Db, state: string) {
  const id = createHash("sha256").update(state).digest("hex");
  await db
    .update(verifications)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(verifications.id, id));
}

/** The state an authorize URL carries (OAuth's `state` parameter). */
export const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get("state")!;
