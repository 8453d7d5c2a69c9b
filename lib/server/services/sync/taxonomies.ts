import "server-only";
import type { ContentTaxonomy } from "@/db/tables";
import { insertEvents } from "@/db/queries/sync-events";
import { listMappedTerms, replaceRemoteTerms, setTaxonomyRef, type TaxonomyKind } from "@/db/queries/taxonomies";
import type { SyncContext } from "./context";

/** Looks terms up by the platform's id: `category:12` → our row. */
export type TermIndex = Map<string, ContentTaxonomy>;

const scopeOf = (ctx: SyncContext) => ({
  accountId: ctx.accountId,
  siteId: ctx.site.id,
  integrationId: ctx.integration.id,
});

export async function loadTermIndex(ctx: SyncContext): Promise<TermIndex> {
  const rows = await listMappedTerms(ctx.db, scopeOf(ctx));
  return new Map(rows.filter((r) => r.externalId !== null).map((r) => [`${r.type}:${r.externalId}`, r]));
}

/** Every taxonomy the platform has (categories with parents, tags), all pages, mirrored before any content. */
export async function pullTaxonomies(ctx: SyncContext): Promise<TermIndex> {
  const kinds: TaxonomyKind[] = [...ctx.adapter.capabilities.taxonomies];
  const fetched = await Promise.all(kinds.map((kind) => ctx.session.terms.list(kind)));
  const counts = await ctx.db.transaction(async (tx) => {
    const out: Record<string, unknown> = {};
    for (const [i, kind] of kinds.entries()) {
      const terms = fetched[i].map(({ externalId, name, slug, parentId }) => ({
        externalId,
        name,
        slug,
        parentExternalId: parentId,
      }));
      out[kind] = await replaceRemoteTerms(tx, { ...scopeOf(ctx), type: kind }, terms);
    }
    return out;
  });
  await insertEvents(ctx.db, [
    {
      accountId: ctx.accountId,
      integrationId: ctx.integration.id,
      runId: ctx.runId,
      eventType: "taxonomy_sync",
      direction: "wp_to_igny8",
      status: "success",
      metadata: counts,
    },
  ]);
  return loadTermIndex(ctx);
}

/**
 * The platform's ids for our terms, creating the missing ones by name (an existing name answers
 * its id) and storing the mapping. Concurrent callers share requests.
 */
export function createTermResolver(ctx: SyncContext) {
  const inFlight = new Map<string, Promise<string>>();
  let mapped: Promise<Map<string, string>> | undefined;
  const known = () =>
    (mapped ??= listMappedTerms(ctx.db, scopeOf(ctx)).then(
      (rows) => new Map(rows.filter((r) => r.externalId !== null).map((r) => [r.id, r.externalId!])),
    ));
  const resolve = async (term: ContentTaxonomy): Promise<string> => {
    const externalId = (await known()).get(term.id);
    if (externalId) return externalId;
    let pending = inFlight.get(term.id);
    if (!pending) {
      pending = (async () => {
        const res = await ctx.session.terms.ensure(term.type, { name: term.name });
        const ref = { accountId: ctx.accountId, integrationId: ctx.integration.id, taxonomyId: term.id };
        await setTaxonomyRef(ctx.db, { ...ref, externalId: res.externalId });
        return res.externalId;
      })();
      inFlight.set(term.id, pending);
      pending.catch(() => inFlight.delete(term.id));
    }
    return pending;
  };
  return {
    async idsFor(terms: ContentTaxonomy[]) {
      const ids = await Promise.all(terms.map(resolve));
      const of = (type: TaxonomyKind) => [...new Set(ids.filter((_, i) => terms[i].type === type))];
      return { categoryIds: of("category"), tagIds: of("tag") };
    },
  };
}
