import { createHash } from "node:crypto";

/** The synced fields of one item, as both sides can state them. */
export type HashableContent = {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  categories: string[];
  tags: string[];
  featuredImageUrl: string | null;
};

const normaliseTerms = (names: string[]) => [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();

/**
 * Stable hash of what the sync moves: title, body, excerpt, slug, term names (order and case do
 * not matter) and the featured image. Equal hashes mean "nothing to push/pull"; the value kept
 * as `baseHash` after a sync is the base of three-way conflict detection.
 */
export function contentHash(item: HashableContent): string {
  const canonical = JSON.stringify([
    item.title.trim(),
    item.content.replace(/\r\n/g, "\n").trim(),
    item.excerpt.trim(),
    item.slug.trim().toLowerCase(),
    normaliseTerms(item.categories),
    normaliseTerms(item.tags),
    item.featuredImageUrl ?? "",
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
