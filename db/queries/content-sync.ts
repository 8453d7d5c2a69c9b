import { and, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { content, contentTaxonomies, contentTaxonomyLinks, images, type Content, type ContentTaxonomy, type NewContent } from "../tables";

type Scope = { accountId: string; siteId: string };

/** Our rows for these WordPress ids of a site (the pull's "what do we have" lookup). */
export async function getContentByWordpressIds(db: Db, params: Scope & { wordpressIds: number[] }) {
  if (!params.wordpressIds.length) return [];
  return db
    .select({
      id: content.id,
      wordpressId: content.wordpressId,
      modifiedGmt: content.modifiedGmt,
      wordpressStatus: content.wordpressStatus,
      contentHash: content.contentHash,
      baseHash: content.baseHash,
      syncState: content.syncState,
    })
    .from(content)
    .where(and(eq(content.accountId, params.accountId), eq(content.siteId, params.siteId), inArray(content.wordpressId, params.wordpressIds)));
}

/** Inserts pulled items; an id another writer inserted meanwhile is skipped (unique site + WordPress id). */
export async function insertPulledContent(db: Db, rows: NewContent[]) {
  if (!rows.length) return [];
  return db
    .insert(content)
    .values(rows)
    .onConflictDoNothing({ target: [content.siteId, content.wordpressId] })
    .returning({ id: content.id, wordpressId: content.wordpressId });
}

export async function updateSyncedContent(db: Db, params: { accountId: string; id: string }, values: Partial<NewContent>) {
  const [row] = await db
    .update(content)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)))
    .returning();
  return row as Content | undefined;
}

export async function setSyncState(db: Db, params: { accountId: string; ids: string[] }, values: Partial<NewContent>) {
  if (!params.ids.length) return;
  await db
    .update(content)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)));
}

/** Replaces every term link of these items. */
export async function replaceContentTerms(db: Db, links: Array<{ contentId: string; taxonomyIds: string[] }>) {
  if (!links.length) return;
  await db.delete(contentTaxonomyLinks).where(inArray(contentTaxonomyLinks.contentId, links.map((l) => l.contentId)));
  const rows = links.flatMap((l) => [...new Set(l.taxonomyIds)].map((taxonomyId) => ({ contentId: l.contentId, taxonomyId })));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(contentTaxonomyLinks).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}

/** Featured images as WordPress serves them (a reference, no bytes); replaces earlier references. */
export async function replacePulledFeaturedImages(
  db: Db,
  params: { accountId: string; items: Array<{ contentId: string; url: string | null; mediaId: number | null }> },
) {
  if (!params.items.length) return;
  await db
    .delete(images)
    .where(and(inArray(images.contentId, params.items.map((i) => i.contentId)), eq(images.isFeatured, true), isNull(images.sha256)));
  const rows = params.items
    .filter((i) => i.url)
    .map((i) => ({
      accountId: params.accountId,
      contentId: i.contentId,
      imageUrl: i.url,
      isFeatured: true,
      wordpressMediaId: i.mediaId,
      wordpressSourceUrl: i.url,
    }));
  if (rows.length) await db.insert(images).values(rows);
}

export async function listSiteTaxonomies(db: Db, params: Scope): Promise<ContentTaxonomy[]> {
  return db.select().from(contentTaxonomies).where(and(eq(contentTaxonomies.accountId, params.accountId), eq(contentTaxonomies.siteId, params.siteId)));
}

export async function setTaxonomyWordpressId(db: Db, params: { id: string; wordpressId: number }) {
  await db.update(contentTaxonomies).set({ wordpressId: params.wordpressId, updatedAt: new Date() }).where(eq(contentTaxonomies.id, params.id));
}

/** WordPress ids we hold for one content type of a site, not yet marked gone. */
export async function listLiveWordpressIds(db: Db, params: Scope & { contentType: Content["contentType"] }) {
  return db
    .select({ id: content.id, wordpressId: content.wordpressId, syncState: content.syncState })
    .from(content)
    .where(
      and(
        eq(content.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        eq(content.contentType, params.contentType),
        isNotNull(content.wordpressId),
        sql`${content.syncState} not in ('remote_trashed', 'remote_deleted')`,
      ),
    );
}

/** Items to push: the given ids, or the site's approved items not yet in sync. */
export async function listContentToPush(db: Db, params: Scope & { ids?: string[] }): Promise<Content[]> {
  const base = and(eq(content.accountId, params.accountId), eq(content.siteId, params.siteId));
  if (params.ids) {
    if (!params.ids.length) return [];
    return db.select().from(content).where(and(base, inArray(content.id, params.ids)));
  }
  return db
    .select()
    .from(content)
    .where(
      and(
        base,
        or(
          and(inArray(content.status, ["approved", "scheduled"]), inArray(content.syncState, ["local", "pending", "failed"])),
          and(eq(content.status, "published"), inArray(content.syncState, ["pending", "failed"])),
        ),
      ),
    )
    .orderBy(content.createdAt, content.id);
}

/** Term rows linked to each item. */
export async function listTermsOf(db: Db, params: { accountId: string; contentIds: string[] }) {
  const out = new Map<string, ContentTaxonomy[]>();
  if (!params.contentIds.length) return out;
  const rows = await db
    .select({ contentId: contentTaxonomyLinks.contentId, term: contentTaxonomies })
    .from(contentTaxonomyLinks)
    .innerJoin(contentTaxonomies, eq(contentTaxonomies.id, contentTaxonomyLinks.taxonomyId))
    .where(and(eq(contentTaxonomies.accountId, params.accountId), inArray(contentTaxonomyLinks.contentId, params.contentIds)));
  for (const row of rows) out.set(row.contentId, [...(out.get(row.contentId) ?? []), row.term]);
  return out;
}

/** An uploaded image of the site with these bytes (re-used instead of uploading again). */
export async function findUploadedImage(db: Db, params: Scope & { sha256?: string; url?: string }) {
  const [row] = await db
    .select({ image: images })
    .from(images)
    .innerJoin(content, eq(content.id, images.contentId))
    .where(
      and(
        eq(images.accountId, params.accountId),
        eq(content.siteId, params.siteId),
        isNotNull(images.wordpressMediaId),
        params.sha256 ? eq(images.sha256, params.sha256) : undefined,
        params.url ? or(eq(images.imageUrl, params.url), eq(images.wordpressSourceUrl, params.url)) : undefined,
      ),
    )
    .limit(1);
  return row?.image;
}

export async function insertImage(db: Db, values: typeof images.$inferInsert) {
  const [row] = await db.insert(images).values(values).returning();
  return row;
}
