import "server-only";
import type { Content } from "@/db/tables";
import type { SeoWriteSupport } from "@/lib/platforms/types";
import { seoKeptReasons } from "@/lib/schemas/seo";
import { seoOf } from "../content-seo";

/**
 * What a push's sync event says about the item's SEO fields: sent (and where to), or kept in
 * IGNY8 with the reason the Sync Dashboard shows. An item without SEO fields says nothing.
 */
export function seoNoteOf(item: Content, support: SeoWriteSupport): Record<string, unknown> {
  if (!Object.values(seoOf(item)).some(Boolean)) return {};
  if (support.canWrite) return { seo: "sent", seo_plugins: support.targets };
  return { seo: "kept_in_igny8", seo_reason: support.reason, note: seoKeptReasons[support.reason] };
}
