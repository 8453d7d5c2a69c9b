import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../client";
import { apiKeys } from "../tables";

const live = (accountId: string) => and(eq(apiKeys.accountId, accountId), isNull(apiKeys.revokedAt));

export async function listApiKeys(db: Executor, params: { accountId: string; limit: number; offset: number }) {
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(apiKeys)
      .where(live(params.accountId))
      .orderBy(desc(apiKeys.createdAt))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(apiKeys).where(live(params.accountId)),
  ]);
  return { rows, count: n };
}

export async function insertApiKey(db: Executor, values: typeof apiKeys.$inferInsert) {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row;
}

export async function revokeApiKey(db: Executor, params: { accountId: string; id: string }) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(live(params.accountId), eq(apiKeys.id, params.id)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
