import "server-only";
import type { PlatformSession, TaxonomyKind } from "@/lib/platforms/types";
import type { WpSite } from "./site";

const TAXONOMY_REST_BASE: Record<TaxonomyKind, string> = { category: "categories", tag: "tags" };

/** Categories (with parents) and tags: every page; a name that exists answers its id (term_exists). */
export function termsOf(site: WpSite): PlatformSession["terms"] {
  return {
    async list(taxonomy) {
      const terms = await site.client.listTerms(TAXONOMY_REST_BASE[taxonomy]);
      return terms.map((t) => ({
        externalId: String(t.id),
        name: t.name,
        slug: t.slug,
        parentId: t.parent ? String(t.parent) : null,
        count: t.count,
      }));
    },
    async ensure(taxonomy, term) {
      const parent = term.parentId ? Number(term.parentId) : undefined;
      const res = await site.client.upsertTerm(TAXONOMY_REST_BASE[taxonomy], { name: term.name, parent });
      return { externalId: String(res.id), created: res.created };
    },
  };
}
