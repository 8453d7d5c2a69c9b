import { and, count, desc, eq, inArray, isNull, lt, max, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { content, siteIntegrations, sites, syncRuns, type Site, type SiteIntegration, type SyncRun } from "../tables";

type NewSyncRun = typeof syncRuns.$inferInsert;

/** Inserts a queued run unless the integration already has an active one (partial unique index). */
export async function insertRunIfIdle(db: Executor, values: NewSyncRun): Promise<SyncRun | undefined> {
  const [row] = await db.insert(syncRuns).values(values).onConflictDoNothing().returning();
  return row;
}

export async function getActiveRun(db: Executor, params: { integrationId: string }): Promise<SyncRun | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.integrationId, params.integrationId), inArray(syncRuns.status, ["queued", "running"])));
  return row;
}

export async function getLatestRun(
  db: Executor,
  params: { accountId: string; integrationId: string },
): Promise<SyncRun | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, params.accountId), eq(syncRuns.integrationId, params.integrationId)))
    .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
    .limit(1);
  return row;
}

export async function getRun(db: Executor, params: { accountId: string; id: string }): Promise<SyncRun | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, params.accountId), eq(syncRuns.id, params.id)));
  return row;
}

/** A run with its integration and site, for a worker (which has no caller to scope by). */
export async function getRunForWorker(db: Executor, params: { id: string }) {
  const [row] = await db
    .select({ run: syncRuns, integration: siteIntegrations, site: sites })
    .from(syncRuns)
    .innerJoin(siteIntegrations, eq(siteIntegrations.id, syncRuns.integrationId))
    .innerJoin(sites, eq(sites.id, siteIntegrations.siteId))
    .where(eq(syncRuns.id, params.id));
  return row as { run: SyncRun; integration: SiteIntegration; site: Site } | undefined;
}

/**
 * Takes a run for this worker: a queued one, or a running one whose worker stopped beating.
 * Exactly one caller wins; the lease makes every later write conditional on still holding it.
 */
export async function claimRun(
  db: Executor,
  params: { id: string; leaseId: string; staleBefore: Date },
): Promise<SyncRun | undefined> {
  const [row] = await db
    .update(syncRuns)
    .set({
      status: "running",
      leaseId: params.leaseId,
      heartbeatAt: new Date(),
      startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
    })
    .where(
      and(
        eq(syncRuns.id, params.id),
        or(
          eq(syncRuns.status, "queued"),
          and(
            eq(syncRuns.status, "running"),
            or(isNull(syncRuns.heartbeatAt), lt(syncRuns.heartbeatAt, params.staleBefore)),
          ),
        ),
      ),
    )
    .returning();
  return row;
}

/** Persists progress and renews the lease; false when another worker took the run over. */
export async function updateLeasedRun(
  db: Executor,
  params: { id: string; leaseId: string },
  values: Partial<
    Pick<
      NewSyncRun,
      | "processed"
      | "total"
      | "failed"
      | "deferred"
      | "deferredLimit"
      | "checkpoint"
      | "retries"
      | "status"
      | "error"
      | "errorCode"
      | "finishedAt"
      | "leaseId"
      | "waitingUntil"
    >
  >,
): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ ...values, heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, params.id), eq(syncRuns.leaseId, params.leaseId)))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

/** Running runs whose heartbeat is older than `staleBefore`, and queued runs nobody picked up. */
export async function listStaleRuns(db: Executor, params: { staleBefore: Date }): Promise<string[]> {
  const rows = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(
      or(
        and(
          eq(syncRuns.status, "running"),
          or(isNull(syncRuns.heartbeatAt), lt(syncRuns.heartbeatAt, params.staleBefore)),
        ),
        and(
          eq(syncRuns.status, "queued"),
          lt(syncRuns.createdAt, params.staleBefore),
          sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.createdAt}) < ${params.staleBefore.toISOString()}::timestamptz`,
        ),
      ),
    )
    .limit(50);
  return rows.map((r) => r.id);
}

export async function listRuns(
  db: Executor,
  params: { accountId: string; integrationId: string; limit: number; offset: number },
) {
  const where = and(eq(syncRuns.accountId, params.accountId), eq(syncRuns.integrationId, params.integrationId));
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(syncRuns)
      .where(where)
      .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(syncRuns).where(where),
  ]);
  return { rows, count: n };
}

/** Content counts of a site by sync state, plus the newest successful run. */
export async function getSyncHealthCounts(
  db: Executor,
  params: { accountId: string; siteId: string; integrationId: string },
) {
  const scope = and(eq(content.accountId, params.accountId), eq(content.siteId, params.siteId));
  const [[counts], [last]] = await Promise.all([
    db
      .select({
        synced: sql<number>`count(*) filter (where ${content.syncState} = 'synced')`.mapWith(Number),
        failed: sql<number>`count(*) filter (where ${content.syncState} = 'failed')`.mapWith(Number),
        pending:
          sql<number>`count(*) filter (where ${content.status} = 'approved' and ${content.syncState} in ('local', 'pending'))`.mapWith(
            Number,
          ),
      })
      .from(content)
      .where(scope),
    db
      .select({ at: max(syncRuns.finishedAt) })
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.accountId, params.accountId),
          eq(syncRuns.integrationId, params.integrationId),
          eq(syncRuns.status, "completed"),
        ),
      ),
  ]);
  return { ...counts, lastSuccessAt: last?.at ?? null };
}

export async function updateIntegrationSyncState(
  db: Executor,
  params: { id: string },
  values: Partial<
    Pick<
      SiteIntegration,
      | "syncStatus"
      | "syncError"
      | "lastSyncAt"
      | "pullCursor"
      | "consecutiveFailures"
      | "connectionStatus"
      | "connectionErrorCode"
      | "nextSyncAt"
    >
  >,
) {
  await db
    .update(siteIntegrations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(siteIntegrations.id, params.id));
}

/** Saves one content type's pull cursor without touching the others (concurrent webhooks may write too). */
export async function savePullCursor(db: Executor, params: { id: string; contentType: string; cursor: unknown }) {
  await db
    .update(siteIntegrations)
    .set({
      pullCursor: sql`${siteIntegrations.pullCursor} || jsonb_build_object(${params.contentType}::text, ${JSON.stringify(params.cursor)}::jsonb)`,
    })
    .where(eq(siteIntegrations.id, params.id));
}
