import { expect } from "vitest";
import { ApiError } from "@/lib/server/api/errors";
import { createSite } from "@/lib/server/services/sites";
import { createTestTenant } from "@/test/support/db";
import { getWordPressTestSite, uniqueName } from "@/test/support/wordpress";

/** Shared setup of the integrations service tests (integrations-connect and integrations-structure). */

export const site = getWordPressTestSite("pretty");
export const plain = getWordPressTestSite("plain");

export async function tenantWithSite() {
  const tenant = await createTestTenant("int");
  const s = await createSite(tenant.db, tenant.auth.accountId, {
    name: uniqueName("Blog"),
    url: "https://blog.example.com",
  });
  return { ...tenant, site: s };
}

export async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}
