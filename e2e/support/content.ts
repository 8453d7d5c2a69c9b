import { expect } from "@playwright/test";
import type { Tenant } from "./tenant";

/** A new site of the tenant's (e2e/api/content*.spec.ts). */

export async function siteOf(tenant: Tenant, name = "Blog") {
  const res = await tenant.api.post("/api/v1/sites/", {
    data: { name, url: `https://${name.toLowerCase()}.example.com` },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}
