import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { contentTaxonomies, contentTaxonomyLinks, taxonomyRefs, type ContentTaxonomy } from "../tables";

export type TaxonomyKind = ContentTaxonomy["type"];
/** A term as the platform lists it (ids as text, whatever the platform uses). */
export type RemoteTermRow = { externalId: string; name: string; slug: string; parentExternalId: string | null };
/** A site term with its id on one integration (null where the integration has no copy). */
export type MappedTerm = ContentTaxonomy & { externalId: string | null; parentExternalId: string | null };

type Scope = { accountId: string; siteId: string; integrationId: string };

/** The site's terms (of one type) with their ids on the integration. */
export async function listMappedTerms(db: Executor, params: Scope & { type?: TaxonomyKind }): Promise<MappedTerm[]> {
  const rows = await db
    .select({ term: contentTaxonomies, externalId: taxonomyRefs.externalId, parent: taxonomyRefs.parentExternalId })
    .from(contentTaxonomies)
    .leftJoin(
      taxonomyRefs,
      and(eq(taxonomyRefs.taxonomyId, contentTaxonomies.id), eq(taxonomyRefs.integrationId, params.integrationId)),
    )
    .where(
      and(
        eq(contentTaxonomies.accountId, params.accountId),
        eq(contentTaxonomies.siteId, params.siteId),
        params.type ? eq(contentTaxonomies.type, params.type) : undefined,
      ),
    )
    .orderBy(asc(contentTaxonomies.type), asc(contentTaxonomies.slug));
  return rows.map((r) => ({ ...r.term, externalId: r.externalId, parentExternalId: r.parent }));
}

/** Remembers a term's id on the integration (a term we created there). */
export async function setTaxonomyRef(
  db: Executor,
  params: { accountId: string; integrationId: string; taxonomyId: string; externalId: string },
) {
  await db
    .insert(taxonomyRefs)
    .values(params)
    .onConflictDoUpdate({
      target: [taxonomyRefs.taxonomyId, taxonomyRefs.integrationId],
      set: { externalId: params.externalId },
    });
}

/**
 * Makes the site's terms of one type mirror the integration's: matched by the integration's id,
 * else adopted by slug (a term of ours with no copy there yet), else inserted. A term the
 * integration no longer has loses its reference there, and is removed when no integration has it
 * any more. Runs inside the caller's transaction; calling it twice with the same terms changes nothing.
 */
export async function replaceRemoteTerms(db: Executor, params: Scope & { type: TaxonomyKind }, terms: RemoteTermRow[]) {
  const existing = await listMappedTerms(db, params);
  const byExternalId = new Map(existing.filter((t) => t.externalId !== null).map((t) => [t.externalId!, t]));
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const remoteIds = new Set(terms.map((t) => t.externalId));
  const stale = existing.filter((t) => t.externalId !== null && !remoteIds.has(t.externalId));
  const ref = { accountId: params.accountId, integrationId: params.integrationId };
  let created = 0;
  let updated = 0;

  // Remove first so a slug freed by a deleted term can be taken by a new one.
  if (stale.length > 0) {
    const ids = stale.map((t) => t.id);
    await db
      .delete(taxonomyRefs)
      .where(and(eq(taxonomyRefs.integrationId, params.integrationId), inArray(taxonomyRefs.taxonomyId, ids)));
    const orphaned = db
      .select({ one: sql`1` })
      .from(taxonomyRefs)
      .where(eq(taxonomyRefs.taxonomyId, contentTaxonomies.id));
    const removed = await db
      .delete(contentTaxonomies)
      .where(and(inArray(contentTaxonomies.id, ids), notExists(orphaned)))
      .returning({ id: contentTaxonomies.id });
    if (removed.length)
      await db.delete(contentTaxonomyLinks).where(
        inArray(
          contentTaxonomyLinks.taxonomyId,
          removed.map((r) => r.id),
        ),
      );
    for (const t of stale) bySlug.delete(t.slug);
  }
  const inserts: Array<{ term: RemoteTermRow; values: typeof contentTaxonomies.$inferInsert }> = [];
  for (const term of terms) {
    const bySlugMatch = bySlug.get(term.slug);
    const match = byExternalId.get(term.externalId) ?? (bySlugMatch?.externalId == null ? bySlugMatch : undefined);
    if (!match) {
      const values = {
        accountId: params.accountId,
        siteId: params.siteId,
        type: params.type,
        name: term.name,
        slug: term.slug,
      };
      inserts.push({ term, values });
      continue;
    }
    const isSame =
      match.externalId === term.externalId &&
      match.name === term.name &&
      match.slug === term.slug &&
      match.parentExternalId === term.parentExternalId;
    if (isSame) continue;
    await db
      .update(contentTaxonomies)
      .set({ name: term.name, slug: term.slug, updatedAt: new Date() })
      .where(eq(contentTaxonomies.id, match.id));
    await db
      .insert(taxonomyRefs)
      .values({ ...ref, taxonomyId: match.id, externalId: term.externalId, parentExternalId: term.parentExternalId })
      .onConflictDoUpdate({
        target: [taxonomyRefs.taxonomyId, taxonomyRefs.integrationId],
        set: { externalId: term.externalId, parentExternalId: term.parentExternalId },
      });
    updated++;
  }
  for (let i = 0; i < inserts.length; i += 500) {
    const chunk = inserts.slice(i, i + 500);
    const rows = await db
      .insert(contentTaxonomies)
      .values(chunk.map((c) => c.values))
      .returning({ id: contentTaxonomies.id });
    await db.insert(taxonomyRefs).values(
      chunk.map(({ term }, n) => ({
        ...ref,
        taxonomyId: rows[n].id,
        externalId: term.externalId,
        parentExternalId: term.parentExternalId,
      })),
    );
    created += chunk.length;
  }
  return { total: terms.length, created, updated, removed: stale.length };
}
