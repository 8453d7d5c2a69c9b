import "server-only";
import type { Content } from "@/db/tables";
import {
  fromWordPressSeoMeta,
  seoSupportOf,
  toWordPressSeoMeta,
  type SeoPlugin,
  type SeoSupport,
} from "@/lib/platforms/wordpress/transform";
import { seoKeptReasons } from "@/lib/schemas/seo";
import { seoOf } from "../content-seo";
import type { SyncContext } from "./context";

/** What the site's plugin can do with SEO fields (its status is read once per sync context). */
export async function seoSupport(ctx: SyncContext): Promise<SeoSupport> {
  return seoSupportOf(await ctx.pluginStatus());
}

/** The SEO plugins whose keys a pull reads (none known: both, Yoast first). */
export async function seoPluginsOf(ctx: SyncContext): Promise<SeoPlugin[]> {
  const support = await seoSupport(ctx);
  return support.canWrite ? support.plugins : [];
}

/**
 * An item's SEO fields for a push: the `meta` to send (only where the plugin registers the keys,
 * else WordPress drops them without a word) and what its sync event says about them. An item
 * with no SEO fields says nothing, except that a cleared field is still sent to clear it there.
 */
export function seoForPush(item: Content, support: SeoSupport) {
  const seo = seoOf(item);
  const isSet = Object.values(seo).some(Boolean);
  if (support.canWrite) {
    const plugins = support.plugins.length ? support.plugins : ["yoast", "rank_math"];
    const sent = { seo: "sent", seo_plugins: plugins };
    return { meta: toWordPressSeoMeta(seo, support.plugins), metadata: isSet ? sent : {} };
  }
  const kept = { seo: "kept_in_igny8", seo_reason: support.reason, note: seoKeptReasons[support.reason] };
  return { meta: {}, metadata: isSet ? kept : {} };
}

/**
 * The SEO fields a pulled post states, or undefined when it states none: no plugin, or all four
 * empty. A site that has just installed the plugin answers empty keys for posts whose fields IGNY8
 * kept; taking those would erase them here. So clearing all four in WordPress is not pulled (the
 * next push sends ours again); clearing some of them is.
 */
export function pulledSeoOf(meta: unknown, plugins: SeoPlugin[]) {
  const seo = fromWordPressSeoMeta(meta, plugins);
  return seo && Object.values(seo).some(Boolean) ? seo : undefined;
}
