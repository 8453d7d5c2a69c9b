import "server-only";
import type { ItemFields, SeoWriteSupport } from "@/lib/platforms/types";
import type { WpSite } from "./site";
import { seoSupportOf, toWordPressSeoMeta, type SeoPlugin } from "./transform";

/**
 * SEO fields travel as post meta that the IGNY8 plugin (1.2.0 and later) registers for the REST
 * API under Yoast SEO's and Rank Math's keys; without it WordPress would drop them silently.
 */

const BOTH: SeoPlugin[] = ["yoast", "rank_math"];

/** The SEO plugins whose keys a pull reads (none known: both, Yoast first). */
export async function seoPluginsOf(site: WpSite): Promise<SeoPlugin[]> {
  const support = seoSupportOf(await site.pluginStatus());
  return support.canWrite ? support.plugins : [];
}

/** Whether a push writes the SEO fields, and to which plugins' keys (both when neither is active). */
export async function seoWriteSupport(site: WpSite): Promise<SeoWriteSupport> {
  const support = seoSupportOf(await site.pluginStatus());
  if (!support.canWrite) return support;
  return { canWrite: true, targets: support.plugins.length ? support.plugins : BOTH };
}

/** The SEO part of a post write's `meta`: nothing where the site cannot take it. */
export async function seoMetaOf(site: WpSite, fields: ItemFields): Promise<Record<string, string | null>> {
  if (!fields.seo) return {};
  const support = seoSupportOf(await site.pluginStatus());
  return support.canWrite ? toWordPressSeoMeta(fields.seo, support.plugins) : {};
}
