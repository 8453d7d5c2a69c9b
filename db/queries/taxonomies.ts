import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../client";
import { contentTaxonomies, contentTaxonomyLinks, type ContentTaxonomy } from "../tables";

export type TaxonomyKind = ContentTaxonomy["type"];
export type RemoteTermRow = { wordpressId: number; name: string; slug: string; parentWordpressId: number | null };

export async function listTaxonomies(db: Executor, params: { accountId: string; siteId: string; type?: TaxonomyKind }) {
  return db
    .select()
    .from(contentTaxonomies)
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        eq(contentTaxonomies.siteId, params.siteId),
        params.type ? eq(contentTaxonomies.type, params.type) : undefined,
      ),
    )
    .orderBy(asc(contentTaxonomies.type), asc(contentTaxonomies.wordpressId), asc(contentTaxonomies.slug));
}

/**
 * Makes the site's terms of one type mirror WordPress's: matched by WordPress id, else adopted by
 * slug (a term we created locally), else inserted; terms whose WordPress id is gone are removed.
 * Runs inside the caller's transaction; calling it twice with the same terms changes nothing.
 */
export async function replaceRemoteTerms(
  db: Executor,
  params: { accountId: string; siteId: string; type: TaxonomyKind },
  terms: RemoteTermRow[],
) {
  const existing = await listTaxonomies(db, params);
  const byWpId = new Map(existing.filter((t) => t.wordpressId !== null).map((t) => [t.wordpressId!, t]));
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const remoteIds = new Set(terms.map((t) => t.wordpressId));
  const stale = existing.filter((t) => t.wordpressId !== null && !remoteIds.has(t.wordpressId));
  let created = 0;
  let updated = 0;

  // Remove first so a slug freed by a deleted term can be taken by a new one.
  if (stale.length > 0) {
    const ids = stale.map((t) => t.id);
    await db.delete(contentTaxonomyLinks).where(inArray(contentTaxonomyLinks.taxonomyId, ids));
    await db.delete(contentTaxonomies).where(inArray(contentTaxonomies.id, ids));
    for (const t of stale) bySlug.delete(t.slug);
  }
  const inserts: (typeof contentTaxonomies.$inferInsert)[] = [];
  for (const term of terms) {
    const match =
      byWpId.get(term.wordpressId) ?? (bySlug.get(term.slug)?.wordpressId == null ? bySlug.get(term.slug) : undefined);
    if (!match) {
      inserts.push({ accountId: params.accountId, siteId: params.siteId, type: params.type, ...term });
      continue;
    }
    const isSame =
      match.wordpressId === term.wordpressId &&
      match.name === term.name &&
      match.slug === term.slug &&
      match.parentWordpressId === term.parentWordpressId;
    if (isSame) continue;
    await db
      .update(contentTaxonomies)
      .set({ ...term, updatedAt: new Date() })
      .where(eq(contentTaxonomies.id, match.id));
    updated++;
  }
  for (let i = 0; i < inserts.length; i += 500) {
    const chunk = inserts.slice(i, i + 500);
    await db.insert(contentTaxonomies).values(chunk);
    created += chunk.length;
  }
  return { total: terms.length, created, updated, removed: stale.length };
}
