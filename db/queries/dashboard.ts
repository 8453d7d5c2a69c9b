import { and, count, desc, eq, gte, inArray, isNotNull, max, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { content, contentConflicts, siteIntegrations, syncEvents, syncRuns, type SiteIntegration, type SyncEvent, type SyncRun } from "../tables";

type Scope = { accountId: string };

/** The site's WordPress integration, if it has one. */
export async function getWordPressIntegration(db: Db, params: Scope & { siteId: string }): Promise<SiteIntegration | undefined> {
  const [row] = await db
    .select()
    .from(siteIntegrations)
    .where(and(eq(siteIntegrations.accountId, params.accountId), eq(siteIntegrations.siteId, params.siteId), eq(siteIntegrations.platform, "wordpress")));
  return row;
}

export async function listRuns(db: Db, params: Scope & { integrationId: string; limit: number }): Promise<SyncRun[]> {
  return db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, params.accountId), eq(syncRuns.integrationId, params.integrationId)))
    .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
    .limit(params.limit);
}

export type EventFilters = { status?: SyncEvent["status"]; direction?: SyncEvent["direction"]; eventType?: SyncEvent["eventType"] };

export async function listEvents(db: Db, params: Scope & EventFilters & { integrationId: string; limit: number; offset: number }) {
  const filters: SQL[] = [eq(syncEvents.accountId, params.accountId), eq(syncEvents.integrationId, params.integrationId)];
  if (params.status) filters.push(eq(syncEvents.status, params.status));
  if (params.direction) filters.push(eq(syncEvents.direction, params.direction));
  if (params.eventType) filters.push(eq(syncEvents.eventType, params.eventType));
  const where = and(...filters);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ event: syncEvents, contentTitle: content.title })
      .from(syncEvents)
      .leftJoin(content, eq(content.id, syncEvents.contentId))
      .where(where)
      .orderBy(desc(syncEvents.createdAt), desc(syncEvents.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(syncEvents).where(where),
  ]);
  return { rows, count: n };
}

/** What "push pending" sends: approved or scheduled items not in sync, and published items changed since. */
const isQueued = (scope: Scope & { siteId: string }) =>
  and(
    eq(content.accountId, scope.accountId),
    eq(content.siteId, scope.siteId),
    or(
      and(inArray(content.status, ["approved", "scheduled"]), inArray(content.syncState, ["local", "pending", "failed"])),
      and(eq(content.status, "published"), inArray(content.syncState, ["pending", "failed"])),
    ),
  );

/** The site's items waiting to be pushed to WordPress. */
export async function listSyncQueue(db: Db, params: Scope & { siteId: string; limit: number }) {
  const where = isQueued(params);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ id: content.id, title: content.title, contentType: content.contentType, syncState: content.syncState, approvedAt: content.approvedAt, updatedAt: content.updatedAt })
      .from(content)
      .where(where)
      .orderBy(desc(content.updatedAt), desc(content.id))
      .limit(params.limit),
    db.select({ n: count() }).from(content).where(where),
  ]);
  return { rows, count: n };
}

export async function getHealthCounts(db: Db, params: Scope & { siteId: string; integrationId: string }) {
  const [[synced], [failed], [pending], [conflicts], [lastRun]] = await Promise.all([
    db
      .select({ n: count() })
      .from(content)
      .where(and(eq(content.accountId, params.accountId), eq(content.siteId, params.siteId), isNotNull(content.wordpressId), eq(content.syncState, "synced"))),
    db
      .select({ n: count() })
      .from(syncEvents)
      .where(and(eq(syncEvents.accountId, params.accountId), eq(syncEvents.integrationId, params.integrationId), eq(syncEvents.status, "failed"))),
    db.select({ n: count() }).from(content).where(isQueued(params)),
    db
      .select({ n: count() })
      .from(contentConflicts)
      .where(and(eq(contentConflicts.accountId, params.accountId), eq(contentConflicts.integrationId, params.integrationId), eq(contentConflicts.status, "open"))),
    db
      .select({ at: max(syncRuns.finishedAt) })
      .from(syncRuns)
      .where(and(eq(syncRuns.accountId, params.accountId), eq(syncRuns.integrationId, params.integrationId), eq(syncRuns.status, "completed"))),
  ]);
  return { synced: synced.n, failed: failed.n, pending: pending.n, openConflicts: conflicts.n, lastSuccessAt: lastRun.at };
}

/** Successful and failed events per UTC day since `since`. */
export async function countEventsPerDay(db: Db, params: Scope & { integrationId: string; since: Date }) {
  const day = sql<string>`to_char(${syncEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, status: syncEvents.status, n: count() })
    .from(syncEvents)
    .where(and(eq(syncEvents.accountId, params.accountId), eq(syncEvents.integrationId, params.integrationId), gte(syncEvents.createdAt, params.since)))
    .groupBy(day, syncEvents.status);
  return rows;
}
