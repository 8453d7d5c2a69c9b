import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { content, contentConflicts, contentRefs, type ContentConflict } from "../tables";

type NewConflict = typeof contentConflicts.$inferInsert;

/**
 * Records a conflict: the open one of this item is updated with the newest versions (one open
 * conflict per item), else a new row is inserted.
 */
export async function upsertOpenConflict(db: Executor, values: NewConflict): Promise<ContentConflict> {
  const [open] = await db
    .select({ id: contentConflicts.id })
    .from(contentConflicts)
    .where(
      and(
        eq(contentConflicts.accountId, values.accountId),
        eq(contentConflicts.contentId, values.contentId),
        eq(contentConflicts.status, "open"),
      ),
    )
    .limit(1);
  if (open) {
    const [row] = await db
      .update(contentConflicts)
      .set({
        detectedBy: values.detectedBy,
        igny8Version: values.igny8Version,
        wordpressVersion: values.wordpressVersion,
        status: values.status ?? "open",
        resolution: values.resolution ?? null,
        resolvedAt: values.resolvedAt ?? null,
      })
      .where(eq(contentConflicts.id, open.id))
      .returning();
    return row;
  }
  const [row] = await db.insert(contentConflicts).values(values).returning();
  return row;
}

export async function getConflict(
  db: Executor,
  params: { accountId: string; id: string },
): Promise<ContentConflict | undefined> {
  const [row] = await db
    .select()
    .from(contentConflicts)
    .where(and(eq(contentConflicts.accountId, params.accountId), eq(contentConflicts.id, params.id)));
  return row;
}

export async function getOpenConflictOf(
  db: Executor,
  params: { accountId: string; contentId: string },
): Promise<ContentConflict | undefined> {
  const [row] = await db
    .select()
    .from(contentConflicts)
    .where(
      and(
        eq(contentConflicts.accountId, params.accountId),
        eq(contentConflicts.contentId, params.contentId),
        eq(contentConflicts.status, "open"),
      ),
    )
    .limit(1);
  return row;
}

export async function resolveConflictRow(
  db: Executor,
  params: { accountId: string; id: string },
  values: { resolution: string },
) {
  const [row] = await db
    .update(contentConflicts)
    .set({ status: "resolved", resolution: values.resolution, resolvedAt: new Date() })
    .where(and(eq(contentConflicts.accountId, params.accountId), eq(contentConflicts.id, params.id)))
    .returning();
  return row as ContentConflict | undefined;
}

/** An integration's conflicts, newest first, with the item's current title. */
export async function listConflicts(
  db: Executor,
  params: {
    accountId: string;
    integrationId: string;
    status?: ContentConflict["status"];
    limit: number;
    offset: number;
  },
) {
  const conditions: Array<SQL | undefined> = [
    eq(contentConflicts.accountId, params.accountId),
    eq(contentConflicts.integrationId, params.integrationId),
    params.status ? eq(contentConflicts.status, params.status) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        conflict: contentConflicts,
        title: content.title,
        contentType: content.contentType,
        externalId: contentRefs.externalId,
      })
      .from(contentConflicts)
      .innerJoin(content, eq(content.id, contentConflicts.contentId))
      .leftJoin(
        contentRefs,
        and(
          eq(contentRefs.contentId, contentConflicts.contentId),
          eq(contentRefs.integrationId, contentConflicts.integrationId),
        ),
      )
      .where(where)
      .orderBy(desc(contentConflicts.createdAt), desc(contentConflicts.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(contentConflicts).where(where),
  ]);
  return { rows, count: n };
}

export async function countOpenConflicts(
  db: Executor,
  params: { accountId: string; integrationId: string },
): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(contentConflicts)
    .where(
      and(
        eq(contentConflicts.accountId, params.accountId),
        eq(contentConflicts.integrationId, params.integrationId),
        eq(contentConflicts.status, "open"),
      ),
    );
  return n;
}

type RefKey = { accountId: string; integrationId: string; id: string };
const refOf = (params: RefKey) =>
  and(
    eq(contentRefs.accountId, params.accountId),
    eq(contentRefs.integrationId, params.integrationId),
    eq(contentRefs.contentId, params.id),
  );

/**
 * Marks an item's reference as in conflict and remembers the remote version seen (so the next pull
 * is quiet about the same edit). The item's `updated_at` stays: it is when it was last edited here.
 */
export async function markContentConflict(db: Executor, params: RefKey & { version: string | null }) {
  await db
    .update(contentRefs)
    .set({ syncState: "conflict", updatedAt: new Date(), ...(params.version ? { version: params.version } : {}) })
    .where(refOf(params));
}

/** Makes an item look untouched since the base so the next import stores the platform's copy. */
export async function clearLocalChanges(db: Executor, params: RefKey) {
  const [ref] = await db.select({ baseHash: contentRefs.baseHash }).from(contentRefs).where(refOf(params));
  await db.update(contentRefs).set({ syncState: "synced", version: null, updatedAt: new Date() }).where(refOf(params));
  await db
    .update(content)
    .set({ contentHash: ref?.baseHash ?? null })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)));
}
