import { and, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "../client";
import { siteIntegrations, type SiteIntegration } from "../tables";

const isDue = (now: Date) => or(isNull(siteIntegrations.nextSyncAt), lte(siteIntegrations.nextSyncAt, now));

/** Active, sync-enabled integrations with an interval whose scheduled pull is due at `now`. */
export async function listDueScheduledSyncs(
  db: Executor,
  params: { now: Date; accountId?: string },
): Promise<SiteIntegration[]> {
  return db
    .select()
    .from(siteIntegrations)
    .where(
      and(
        eq(siteIntegrations.isActive, true),
        eq(siteIntegrations.syncEnabled, true),
        isNotNull(siteIntegrations.syncIntervalMinutes),
        isDue(params.now),
        params.accountId ? eq(siteIntegrations.accountId, params.accountId) : undefined,
      ),
    )
    .limit(100);
}

/** Moves a due integration's next run to `nextAt`; only one caller wins a given due moment. */
export async function claimScheduledSync(
  db: Executor,
  params: { id: string; now: Date; nextAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(siteIntegrations)
    .set({ nextSyncAt: params.nextAt })
    .where(and(eq(siteIntegrations.id, params.id), isDue(params.now)))
    .returning({ id: siteIntegrations.id });
  return rows.length > 0;
}

export async function setSyncInterval(
  db: Executor,
  params: { accountId: string; id: string; intervalMinutes: number | null; nextAt: Date | null },
) {
  const [row] = await db
    .update(siteIntegrations)
    .set({ syncIntervalMinutes: params.intervalMinutes, nextSyncAt: params.nextAt, updatedAt: new Date() })
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.id, params.id)))
    .returning();
  return row as SiteIntegration | undefined;
}
