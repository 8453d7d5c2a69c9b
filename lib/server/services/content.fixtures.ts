import { createTestTenant } from "@/test/support/db";
import { siteIntegrations } from "@/db/tables";
import { createContentBodySchema, updateContentBodySchema } from "@/lib/schemas/content";
import { createSite } from "./sites";

/** Shared setup of the content service tests. */

/** A create body as the API parses it. */
export const create = (input: Record<string, unknown>) => createContentBodySchema.parse(input);
/** A PATCH body as the API parses it. */
export const patch = (input: Record<string, unknown>) => updateContentBodySchema.parse(input);
/** The first page of 25. */
export const page = { page: 1, page_size: 25 };

/** A fresh tenant with one site. */
export async function tenantWithSite(label: string) {
  const tenant = await createTestTenant(label);
  const site = await createSite(tenant.db, tenant.auth.accountId, { name: "Blog", url: "https://blog.example.com" });
  return { ...tenant, accountId: tenant.auth.accountId, site };
}

/** Adds a WordPress integration to the tenant's site; `onWordPress` scopes refs to it. */
export async function addWordPressIntegration(tenant: Awaited<ReturnType<typeof tenantWithSite>>) {
  const [integration] = await tenant.db
    .insert(siteIntegrations)
    .values({ accountId: tenant.accountId, siteId: tenant.site.id, externalSiteUrl: tenant.site.url })
    .returning();
  return { integration, onWordPress: { accountId: tenant.accountId, integrationId: integration.id } };
}
