import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { content, contentConflicts, type ContentConflict } from "../tables";

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
        wordpressId: content.wordpressId,
      })
      .from(contentConflicts)
      .innerJoin(content, eq(content.id, contentConflicts.contentId))
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

/**
 * Marks an item as in conflict and remembers the WordPress modified_gmt seen (so the next pull is
 * quiet about the same edit). `updated_at` stays: it is when the item was last edited here.
 */
export async function markContentConflict(
  db: Executor,
  params: { accountId: string; id: string; modifiedGmt: string | null },
) {
  await db
    .update(content)
    .set({ syncState: "conflict", ...(params.modifiedGmt ? { modifiedGmt: params.modifiedGmt } : {}) })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)));
}

/** Makes an item look untouched since the base so the next import stores WordPress's copy. */
export async function clearLocalChanges(db: Executor, params: { accountId: string; id: string }) {
  await db
    .update(content)
    .set({ syncState: "synced", contentHash: sql`${content.baseHash}`, modifiedGmt: null })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)));
}
