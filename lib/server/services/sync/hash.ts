import { createHash } from "node:crypto";
import type { Content } from "@/db/tables";
import type { SeoValues } from "@/lib/schemas/seo";
import { seoOf } from "../content-seo";

/** The synced fields of one item, as both sides can state them. */
export type HashableContent = {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  categories: string[];
  tags: string[];
  featuredImageUrl: string | null;
  /** SEO title, description, focus keyword and canonical URL (null or absent: none set). */
  seo?: SeoValues | null;
};

type StoredItem = Pick<Content, "title" | "content" | "excerpt" | "slug" | "featuredImageUrl"> &
  Parameters<typeof seoOf>[0];

/** A stored item with its term names as the sync hashes it (here and on push). */
export function hashableOf(item: StoredItem, terms: { categories: string[]; tags: string[] }): HashableContent {
  const { title, content, excerpt, slug, featuredImageUrl } = item;
  return { title, content, excerpt, slug, ...terms, featuredImageUrl, seo: seoOf(item) };
}

const normaliseTerms = (names: string[]) =>
  [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))].sort();

/**
 * Stable hash of what the sync moves: title, body, excerpt, slug, term names (order and case do
 * not matter) and the featured image. Equal hashes mean "nothing to push/pull"; the value kept
 * as `baseHash` after a sync is the base of three-way conflict detection.
 * The SEO fields count too, appended only when one is set: an item without them keeps the hash it
 * had before they existed, so no stored hash (and no synced item) changes with the upgrade.
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
    ...seoPart(item.seo),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

function seoPart(seo: SeoValues | null | undefined): string[][] {
  const fields = [seo?.seo_title, seo?.seo_description, seo?.focus_keyword, seo?.canonical_url];
  const values = fields.map((value) => value?.trim() ?? "");
  return values.some(Boolean) ? [values] : [];
}
