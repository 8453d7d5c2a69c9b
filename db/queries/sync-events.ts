import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { syncEvents, type SyncEvent } from "../tables";

/** Sync events: the log of what each run or webhook did to each item. */

export type NewSyncEvent = typeof syncEvents.$inferInsert;

/** Inserts sync events, 500 to a statement. */
export async function insertEvents(db: Executor, rows: NewSyncEvent[]): Promise<SyncEvent[]> {
  const out: SyncEvent[] = [];
  for (let i = 0; i < rows.length; i += 500)
    out.push(
      ...(await db
        .insert(syncEvents)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return out;
}

/** Filters of the event log. */
export type EventFilter = {
  status?: SyncEvent["status"];
  direction?: SyncEvent["direction"];
  eventType?: SyncEvent["eventType"];
  runId?: string;
  contentId?: string;
};

/** One page of an integration's events, newest first, with the total count. */
export async function listEvents(
  db: Executor,
  params: { accountId: string; integrationId: string; limit: number; offset: number } & EventFilter,
) {
  const conditions: Array<SQL | undefined> = [
    eq(syncEvents.accountId, params.accountId),
    eq(syncEvents.integrationId, params.integrationId),
    params.status ? eq(syncEvents.status, params.status) : undefined,
    params.direction ? eq(syncEvents.direction, params.direction) : undefined,
    params.eventType ? eq(syncEvents.eventType, params.eventType) : undefined,
    params.runId ? eq(syncEvents.runId, params.runId) : undefined,
    params.contentId ? eq(syncEvents.contentId, params.contentId) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(syncEvents)
      .where(where)
      .orderBy(desc(syncEvents.createdAt), desc(syncEvents.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(syncEvents).where(where),
  ]);
  return { rows, count: n };
}

/** One event of the account's integration. */
export async function getEvent(
  db: Executor,
  params: { accountId: string; integrationId: string; id: string },
): Promise<SyncEvent | undefined> {
  const [row] = await db
    .select()
    .from(syncEvents)
    .where(
      and(
        eq(syncEvents.accountId, params.accountId),
        eq(syncEvents.integrationId, params.integrationId),
        eq(syncEvents.id, params.id),
      ),
    );
  return row;
}

/** Updates one event. */
export async function updateEvent(db: Executor, params: { id: string }, values: Partial<NewSyncEvent>) {
  await db.update(syncEvents).set(values).where(eq(syncEvents.id, params.id));
}
