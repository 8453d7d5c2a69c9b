import type { Content, NewContent } from "@/db/tables";
import type { SeoValues } from "@/lib/schemas/seo";

type SeoColumns = Partial<Pick<Content, "seoTitle" | "seoDescription" | "focusKeyword" | "canonicalUrl">>;

/** The item's SEO fields in the API's names (null when not set). */
export function seoOf(row: SeoColumns): SeoValues {
  return {
    seo_title: row.seoTitle ?? null,
    seo_description: row.seoDescription ?? null,
    focus_keyword: row.focusKeyword ?? null,
    canonical_url: row.canonicalUrl ?? null,
  };
}

/** The columns a create or update body writes ("" clears: null); a field the body leaves out is left alone. */
export function seoColumnsOf(body: Partial<SeoValues>): Partial<NewContent> {
  const value = (v: string | null) => v || null;
  return {
    ...(body.seo_title !== undefined && { seoTitle: value(body.seo_title) }),
    ...(body.seo_description !== undefined && { seoDescription: value(body.seo_description) }),
    ...(body.focus_keyword !== undefined && { focusKeyword: value(body.focus_keyword) }),
    ...(body.canonical_url !== undefined && { canonicalUrl: value(body.canonical_url) }),
  };
}
