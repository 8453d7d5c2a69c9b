import { and, count, desc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  content,
  contentTaxonomies,
  contentTaxonomyLinks,
  syncEvents,
  type Content,
  type ContentTaxonomy,
  type NewContent,
  type SyncEvent,
} from "../tables";

type Scope = { accountId: string };
type TermType = ContentTaxonomy["type"];

/** `%` and `_` typed by a user match themselves, not every character. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listContent(
  db: Executor,
  params: Scope & {
    siteId: string;
    status?: Content["status"];
    contentType?: Content["contentType"];
    search?: string;
    limit: number;
    offset: number;
  },
) {
  const filters: (SQL | undefined)[] = [eq(content.accountId, params.accountId), eq(content.siteId, params.siteId)];
  if (params.status) filters.push(eq(content.status, params.status));
  if (params.contentType) filters.push(eq(content.contentType, params.contentType));
  if (params.search)
    filters.push(or(ilike(content.title, likePattern(params.search)), ilike(content.slug, likePattern(params.search))));
  const where = and(...filters);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(content)
      .where(where)
      .orderBy(desc(content.updatedAt), desc(content.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(content).where(where),
  ]);
  return { rows, count: n };
}

export async function getContent(db: Executor, params: Scope & { id: string }): Promise<Content | undefined> {
  const [row] = await db
    .select()
    .from(content)
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)));
  return row;
}

export async function getContentByIds(db: Executor, params: Scope & { ids: string[] }): Promise<Content[]> {
  if (!params.ids.length) return [];
  return db
    .select()
    .from(content)
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)));
}

export async function insertContent(db: Executor, values: NewContent): Promise<Content> {
  const [row] = await db.insert(content).values(values).returning();
  return row;
}

export async function updateContent(
  db: Executor,
  params: Scope & { id: string },
  values: Partial<NewContent>,
): Promise<Content | undefined> {
  const [row] = await db
    .update(content)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(content.accountId, params.accountId), eq(content.id, params.id)))
    .returning();
  return row;
}

export async function deleteContent(db: Executor, params: Scope & { ids: string[] }): Promise<string[]> {
  if (!params.ids.length) return [];
  const rows = await db
    .delete(content)
    .where(and(eq(content.accountId, params.accountId), inArray(content.id, params.ids)))
    .returning({ id: content.id });
  return rows.map((r) => r.id);
}

/** Category and tag names per content id, in name order. */
export async function listTermNames(db: Executor, params: Scope & { contentIds: string[] }) {
  const byContent = new Map<string, { categories: string[]; tags: string[] }>();
  if (!params.contentIds.length) return byContent;
  const rows = await db
    .select({ contentId: contentTaxonomyLinks.contentId, type: contentTaxonomies.type, name: contentTaxonomies.name })
    .from(contentTaxonomyLinks)
    .innerJoin(contentTaxonomies, eq(contentTaxonomies.id, contentTaxonomyLinks.taxonomyId))
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        inArray(contentTaxonomyLinks.contentId, params.contentIds),
      ),
    );
  // Sorted here: the database's collation would put "Zebra" before "apple" on some installs.
  rows.sort(
    (x, y) => x.name.localeCompare(y.name, "en", { sensitivity: "base" }) || x.name.localeCompare(y.name, "en"),
  );
  for (const row of rows) {
    const entry = byContent.get(row.contentId) ?? { categories: [], tags: [] };
    (row.type === "category" ? entry.categories : entry.tags).push(row.name);
    byContent.set(row.contentId, entry);
  }
  return byContent;
}

/**
 * Finds the site's terms by slug, creating the missing ones locally (no WordPress id until the
 * next sync). Returns their ids in the order of `terms`.
 */
export async function ensureTerms(
  db: Executor,
  params: Scope & { siteId: string; type: TermType; terms: { name: string; slug: string }[] },
) {
  if (!params.terms.length) return [];
  const slugs = params.terms.map((t) => t.slug);
  await db
    .insert(contentTaxonomies)
    .values(
      params.terms.map((t) => ({
        accountId: params.accountId,
        siteId: params.siteId,
        type: params.type,
        name: t.name,
        slug: t.slug,
      })),
    )
    .onConflictDoNothing({ target: [contentTaxonomies.siteId, contentTaxonomies.type, contentTaxonomies.slug] });
  const rows = await db
    .select({ id: contentTaxonomies.id, slug: contentTaxonomies.slug })
    .from(contentTaxonomies)
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        eq(contentTaxonomies.siteId, params.siteId),
        eq(contentTaxonomies.type, params.type),
        inArray(contentTaxonomies.slug, slugs),
      ),
    );
  const idBySlug = new Map(rows.map((r) => [r.slug, r.id]));
  return slugs.map((slug) => idBySlug.get(slug)).filter((id): id is string => !!id);
}

/** The terms of one type the item is linked to. */
export async function listTermLinks(db: Executor, params: Scope & { contentId: string; type: TermType }) {
  return db
    .select({ id: contentTaxonomies.id, name: contentTaxonomies.name })
    .from(contentTaxonomyLinks)
    .innerJoin(contentTaxonomies, eq(contentTaxonomies.id, contentTaxonomyLinks.taxonomyId))
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        eq(contentTaxonomyLinks.contentId, params.contentId),
        eq(contentTaxonomies.type, params.type),
      ),
    );
}

/** Replaces the content's links of one term type with `taxonomyIds`. */
export async function replaceTermLinks(
  db: Executor,
  params: { contentId: string; type: TermType; taxonomyIds: string[] },
) {
  const ofType = db
    .select({ id: contentTaxonomies.id })
    .from(contentTaxonomies)
    .where(eq(contentTaxonomies.type, params.type));
  await db
    .delete(contentTaxonomyLinks)
    .where(and(eq(contentTaxonomyLinks.contentId, params.contentId), inArray(contentTaxonomyLinks.taxonomyId, ofType)));
  if (params.taxonomyIds.length) {
    await db
      .insert(contentTaxonomyLinks)
      .values([...new Set(params.taxonomyIds)].map((taxonomyId) => ({ contentId: params.contentId, taxonomyId })))
      .onConflictDoNothing();
  }
}

/** The newest sync event of each content id. */
export async function latestSyncEvents(
  db: Executor,
  params: Scope & { contentIds: string[] },
): Promise<Map<string, SyncEvent>> {
  if (!params.contentIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([syncEvents.contentId])
    .from(syncEvents)
    .where(and(eq(syncEvents.accountId, params.accountId), inArray(syncEvents.contentId, params.contentIds)))
    .orderBy(syncEvents.contentId, desc(syncEvents.createdAt), desc(syncEvents.id));
  return new Map(rows.map((r) => [r.contentId!, r]));
}
