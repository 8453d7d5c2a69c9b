import "server-only";
import { PlatformError, type PlatformSession, type RemoteTerm } from "@/lib/platforms/types";
import { ghostTagsBrowseSchema, type GhostTag } from "./schemas";
import type { GhostSite } from "./site";

const toTerm = (tag: GhostTag): RemoteTerm => ({
  externalId: tag.id,
  name: tag.name,
  slug: tag.slug,
  parentId: null,
  count: tag.count?.posts ?? 0,
});

const quote = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/**
 * Ghost has tags only: IGNY8's categories and tags both live there (flat, no parents), so both
 * taxonomies list and ensure the same tags. Ghost matches tag names without regard to case.
 */
export function termsOf(site: GhostSite): PlatformSession["terms"] {
  async function findByName(name: string): Promise<GhostTag | undefined> {
    const { tags } = await site.client.request("GET", "tags/", ghostTagsBrowseSchema, {
      query: { filter: `name:${quote(name)}`, limit: "all" },
    });
    const wanted = name.trim().toLowerCase();
    return tags.find((t) => t.name.trim().toLowerCase() === wanted);
  }

  return {
    async list() {
      const { tags } = await site.client.request("GET", "tags/", ghostTagsBrowseSchema, {
        query: { limit: "all", include: "count.posts", order: "name asc" },
      });
      return tags.map(toTerm);
    },
    async ensure(_taxonomy, term) {
      const name = term.name.trim();
      if (!name) throw new PlatformError("bad_request", "A tag needs a name.");
      const existing = await findByName(name);
      if (existing) return { externalId: existing.id, created: false };
      try {
        const { tags } = await site.client.request("POST", "tags/", ghostTagsBrowseSchema, {
          json: { tags: [{ name }] },
        });
        return { externalId: tags[0].id, created: true };
      } catch (error) {
        // Made by someone else in between (Ghost answers 422 for a taken slug): use theirs.
        const raced =
          error instanceof PlatformError && error.code === "bad_request" ? await findByName(name) : undefined;
        if (raced) return { externalId: raced.id, created: false };
        throw error;
      }
    },
  };
}
