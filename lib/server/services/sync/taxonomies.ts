import "server-only";
import type { ContentTaxonomy } from "@/db/tables";
import { listSiteTaxonomies, setTaxonomyWordpressId } from "@/db/queries/content-sync";
import { insertEvents } from "@/db/queries/sync";
import { replaceRemoteTerms, type TaxonomyKind } from "@/db/queries/taxonomies";
import type { SyncContext } from "./context";

/** Looks terms up by the platform's id: `category:12` → our row. */
export type TermIndex = Map<string, ContentTaxonomy>;

export async function loadTermIndex(ctx: SyncContext): Promise<TermIndex> {
  const rows = await listSiteTaxonomies(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id });
  return new Map(rows.filter((r) => r.wordpressId !== null).map((r) => [`${r.type}:${r.wordpressId}`, r]));
}

/** Every taxonomy the platform has (categories with parents, tags), all pages, mirrored before any content. */
export async function pullTaxonomies(ctx: SyncContext): Promise<TermIndex> {
  const kinds: TaxonomyKind[] = [...ctx.adapter.capabilities.taxonomies];
  const fetched = await Promise.all(kinds.map((kind) => ctx.session.terms.list(kind)));
  const counts = await ctx.db.transaction(async (tx) => {
    const out: Record<string, unknown> = {};
    for (const [i, kind] of kinds.entries()) {
      // Stored by number (content_taxonomies.wordpress_id): the storage edge.
      const terms = fetched[i].map((t) => ({
        wordpressId: Number(t.externalId),
        name: t.name,
        slug: t.slug,
        parentWordpressId: t.parentId === null ? null : Number(t.parentId),
      }));
      out[kind] = await replaceRemoteTerms(tx, { accountId: ctx.accountId, siteId: ctx.site.id, type: kind }, terms);
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
  const resolve = (term: ContentTaxonomy): Promise<string> => {
    if (term.wordpressId) return Promise.resolve(String(term.wordpressId));
    let pending = inFlight.get(term.id);
    if (!pending) {
      pending = (async () => {
        const res = await ctx.session.terms.ensure(term.type, { name: term.name });
        try {
          await setTaxonomyWordpressId(ctx.db, { id: term.id, wordpressId: Number(res.externalId) });
        } catch {
          // Another row of ours already maps this remote term (same term under another slug).
        }
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
