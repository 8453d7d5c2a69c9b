import "server-only";
import type { ContentTaxonomy } from "@/db/tables";
import { listSiteTaxonomies, setTaxonomyWordpressId } from "@/db/queries/content-sync";
import { insertEvents } from "@/db/queries/sync";
import { replaceRemoteTerms, type TaxonomyKind } from "@/db/queries/taxonomies";
import type { SyncContext } from "./context";

export const TERM_REST_BASE: Record<TaxonomyKind, string> = { category: "categories", tag: "tags" };

/** Looks terms up by WordPress id: `category:12` → our row. */
export type TermIndex = Map<string, ContentTaxonomy>;

export async function loadTermIndex(ctx: SyncContext): Promise<TermIndex> {
  const rows = await listSiteTaxonomies(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id });
  return new Map(rows.filter((r) => r.wordpressId !== null).map((r) => [`${r.type}:${r.wordpressId}`, r]));
}

/** Categories (with parents) and tags, all pages, mirrored into our tables before any content. */
export async function pullTaxonomies(ctx: SyncContext): Promise<TermIndex> {
  const kinds: TaxonomyKind[] = ["category", "tag"];
  const fetched = await Promise.all(kinds.map((kind) => ctx.client.listTerms(TERM_REST_BASE[kind])));
  const counts = await ctx.db.transaction(async (tx) => {
    const out: Record<string, unknown> = {};
    for (const [i, kind] of kinds.entries()) {
      const terms = fetched[i].map((t) => ({ wordpressId: t.id, name: t.name, slug: t.slug, parentWordpressId: t.parent || null }));
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
 * WordPress ids for our terms, creating the missing ones in WordPress by name (an existing name
 * answers term_exists with its id) and storing the mapping. Concurrent callers share requests.
 */
export function createTermResolver(ctx: SyncContext) {
  const inFlight = new Map<string, Promise<number>>();
  const resolve = (term: ContentTaxonomy): Promise<number> => {
    if (term.wordpressId) return Promise.resolve(term.wordpressId);
    let pending = inFlight.get(term.id);
    if (!pending) {
      pending = (async () => {
        const res = await ctx.client.upsertTerm(TERM_REST_BASE[term.type], { name: term.name });
        try {
          await setTaxonomyWordpressId(ctx.db, { id: term.id, wordpressId: res.id });
        } catch {
          // Another row of ours already maps this WordPress term (same term under another slug).
        }
        return res.id;
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
