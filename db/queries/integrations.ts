import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { siteIntegrations, sites, type NewSiteIntegration, type Site, type SiteIntegration } from "../tables";

/** An integration with the site that holds its WordPress credentials. */
export type IntegrationWithSite = { integration: SiteIntegration; site: Site };

function scope(params: { accountId: string; siteId?: string }): SQL | undefined {
  return and(
    eq(siteIntegrations.accountId, params.accountId),
    params.siteId ? eq(siteIntegrations.siteId, params.siteId) : undefined,
  );
}

export async function listIntegrations(
  db: Executor,
  params: { accountId: string; siteId?: string; limit: number; offset: number },
) {
  const where = scope(params);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ integration: siteIntegrations, site: sites })
      .from(siteIntegrations)
      .innerJoin(sites, eq(sites.id, siteIntegrations.siteId))
      .where(where)
      .orderBy(desc(siteIntegrations.createdAt), desc(siteIntegrations.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(siteIntegrations).where(where),
  ]);
  return { rows: rows as IntegrationWithSite[], count: n };
}

export async function getIntegration(
  db: Executor,
  params: { accountId: string; id: string },
): Promise<IntegrationWithSite | undefined> {
  const [row] = await db
    .select({ integration: siteIntegrations, site: sites })
    .from(siteIntegrations)
    .innerJoin(sites, eq(sites.id, siteIntegrations.siteId))
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.id, params.id)));
  return row;
}

export async function getIntegrationForSite(
  db: Executor,
  params: { accountId: string; siteId: string; platform: SiteIntegration["platform"] },
) {
  // The site's oldest integration of the platform (a site may have several).
  const [row] = await db
    .select()
    .from(siteIntegrations)
    .where(and(scope(params), eq(siteIntegrations.platform, params.platform)))
    .orderBy(siteIntegrations.createdAt, siteIntegrations.id)
    .limit(1);
  return row as SiteIntegration | undefined;
}

export async function createIntegration(db: Executor, values: NewSiteIntegration) {
  const [row] = await db.insert(siteIntegrations).values(values).returning();
  return row;
}

export async function updateIntegration(
  db: Executor,
  params: { accountId: string; id: string },
  values: Partial<NewSiteIntegration>,
) {
  const [row] = await db
    .update(siteIntegrations)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.id, params.id)))
    .returning();
  return row as SiteIntegration | undefined;
}

export async function deleteIntegration(db: Executor, params: { accountId: string; id: string }) {
  const rows = await db
    .delete(siteIntegrations)
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.id, params.id)))
    .returning({ id: siteIntegrations.id });
  return rows.length > 0;
}

/** Every integration of a site, oldest first. */
export async function listSiteIntegrations(db: Executor, params: { accountId: string; siteId: string }) {
  return db
    .select()
    .from(siteIntegrations)
    .where(scope(params))
    .orderBy(siteIntegrations.createdAt, siteIntegrations.id);
}
