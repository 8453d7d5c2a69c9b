import { and, count, desc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { sites, type NewSite, type Site } from "../tables";

export async function listSites(db: Executor, params: { accountId: string; limit: number; offset: number }) {
  const where = eq(sites.accountId, params.accountId);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(sites)
      .where(where)
      .orderBy(desc(sites.createdAt), desc(sites.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(sites).where(where),
  ]);
  return { rows, count: n };
}

export async function getSite(db: Executor, params: { accountId: string; id: string }): Promise<Site | undefined> {
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.accountId, params.accountId), eq(sites.id, params.id)));
  return row;
}

export async function createSite(db: Executor, values: NewSite) {
  const [row] = await db.insert(sites).values(values).returning();
  return row;
}

export async function updateSite(db: Executor, params: { accountId: string; id: string }, values: Partial<NewSite>) {
  const [row] = await db
    .update(sites)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(sites.accountId, params.accountId), eq(sites.id, params.id)))
    .returning();
  return row;
}

export async function deleteSite(db: Executor, params: { accountId: string; id: string }) {
  const rows = await db
    .delete(sites)
    .where(and(eq(sites.accountId, params.accountId), eq(sites.id, params.id)))
    .returning({ id: sites.id });
  return rows.length > 0;
}
