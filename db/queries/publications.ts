import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { publications, type Publication } from "../tables";

/** The publishing ledger: one row per item reserved for, or published by, the publishing schedule. */

type SiteScope = { accountId: string; siteId: string };

/** One ledger row; undefined when the item already has one. */
export async function insertPublication(
  db: Executor,
  values: typeof publications.$inferInsert,
): Promise<Publication | undefined> {
  const [row] = await db.insert(publications).values(values).onConflictDoNothing().returning();
  return row;
}

/** Ledger rows in one statement; an item that already has one is skipped (not returned). */
export async function insertPublications(
  db: Executor,
  values: Array<typeof publications.$inferInsert>,
): Promise<Publication[]> {
  if (!values.length) return [];
  return db.insert(publications).values(values).onConflictDoNothing().returning();
}

/** The ledger state of those of these items that have a row (reserved: a push of it is pending or under way). */
export async function listPublicationStates(
  db: Executor,
  params: SiteScope & { contentIds: string[] },
): Promise<Map<string, Publication["state"]>> {
  if (!params.contentIds.length) return new Map();
  const rows = await db
    .select({ contentId: publications.contentId, state: publications.state })
    .from(publications)
    .where(
      and(
        eq(publications.accountId, params.accountId),
        eq(publications.siteId, params.siteId),
        inArray(publications.contentId, params.contentIds),
      ),
    );
  return new Map(rows.flatMap((r) => (r.contentId ? [[r.contentId, r.state] as const] : [])));
}

/** The ledger row of one item. */
export async function getPublicationForContent(
  db: Executor,
  params: { contentId: string },
): Promise<Publication | undefined> {
  const [row] = await db.select().from(publications).where(eq(publications.contentId, params.contentId));
  return row;
}

/** Reserved publications of a site whose push is due (new or retried), oldest slot first. */
export async function listDuePublications(db: Executor, params: SiteScope & { now: Date }): Promise<Publication[]> {
  return db
    .select()
    .from(publications)
    .where(
      and(
        eq(publications.siteId, params.siteId),
        eq(publications.accountId, params.accountId),
        eq(publications.state, "reserved"),
        or(isNull(publications.nextAttemptAt), lte(publications.nextAttemptAt, params.now)),
      ),
    )
    .orderBy(asc(publications.slotAt))
    .limit(100);
}

/**
 * Takes a reserved publication for one push attempt: only one worker wins (the row's
 * next_attempt_at moves to `leaseUntil`, so others skip it until then).
 */
export async function leasePublication(
  db: Executor,
  params: { id: string; now: Date; leaseUntil: Date },
): Promise<Publication | undefined> {
  const [row] = await db
    .update(publications)
    .set({ nextAttemptAt: params.leaseUntil, attempts: sql`${publications.attempts} + 1` })
    .where(
      and(
        eq(publications.id, params.id),
        eq(publications.state, "reserved"),
        or(isNull(publications.nextAttemptAt), lte(publications.nextAttemptAt, params.now)),
      ),
    )
    .returning();
  return row;
}

/** Updates one ledger row and returns it. */
export async function updatePublication(
  db: Executor,
  params: { id: string },
  values: Partial<typeof publications.$inferInsert>,
) {
  const [row] = await db.update(publications).set(values).where(eq(publications.id, params.id)).returning();
  return row;
}

/** Deletes one ledger row (its slot is free again). */
export async function deletePublication(db: Executor, params: { id: string }) {
  await db.delete(publications).where(eq(publications.id, params.id));
}

/** Settles a bulk push's reservations at once: the pushed ones are published, the others give their slot back. */
export async function settlePublications(
  db: Executor,
  params: { accountId: string; published: string[]; released: string[]; now: Date },
) {
  if (!params.published.length && !params.released.length) return;
  const mine = (ids: string[]) => and(eq(publications.accountId, params.accountId), inArray(publications.id, ids));
  await db.transaction(async (tx) => {
    if (params.published.length) {
      await tx
        .update(publications)
        .set({ state: "published", publishedAt: params.now, lastError: null, nextAttemptAt: null })
        .where(mine(params.published));
    }
    if (params.released.length) await tx.delete(publications).where(mine(params.released));
  });
}
