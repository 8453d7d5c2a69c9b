import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { content, contentRefs, type Content, type ContentRef, type NewContentRef } from "@/db/tables";

/** An item's reference on one integration, or its only one (tests with one integration). */
export async function refOf(db: Executor, contentId: string, integrationId?: string): Promise<ContentRef | undefined> {
  const [row] = await db
    .select()
    .from(contentRefs)
    .where(
      and(
        eq(contentRefs.contentId, contentId),
        integrationId ? eq(contentRefs.integrationId, integrationId) : undefined,
      ),
    );
  return row;
}

/** The WordPress post id an item has (its reference's id as a number), or null. */
export async function wordpressIdOf(db: Executor, contentId: string, integrationId?: string): Promise<number | null> {
  const ref = await refOf(db, contentId, integrationId);
  return ref?.externalId ? Number(ref.externalId) : null;
}

/** Gives an item a reference as a sync would (in sync with `externalId` unless said otherwise). */
export async function putRef(
  db: Executor,
  ref: Pick<NewContentRef, "contentId" | "integrationId" | "accountId"> & Partial<NewContentRef>,
) {
  const values = { syncState: "synced" as const, lastSyncedAt: new Date(), ...ref };
  await db
    .insert(contentRefs)
    .values(values)
    .onConflictDoUpdate({ target: [contentRefs.contentId, contentRefs.integrationId], set: values });
}

/** The item with this id on the integration (a WordPress post id may be given as a number), or undefined. */
export async function itemByExternalId(
  db: Executor,
  integrationId: string,
  externalId: string | number,
): Promise<Content | undefined> {
  const [row] = await db
    .select({ item: content })
    .from(contentRefs)
    .innerJoin(content, eq(content.id, contentRefs.contentId))
    .where(and(eq(contentRefs.integrationId, integrationId), eq(contentRefs.externalId, String(externalId))));
  return row?.item;
}
