import "server-only";
import { platformIds, type PlatformAdapter, type PlatformId } from "@/lib/platforms/types";
import { ghostAdapter } from "@/lib/platforms/ghost";
import { shopifyAdapter } from "@/lib/platforms/shopify";
import { webflowAdapter } from "@/lib/platforms/webflow";
import { wordpressAdapter } from "@/lib/platforms/wordpress";

/** One line per platform. The DB enum and the API's zod enum use `platformIds` (types.ts). */
export const platformAdapters: Record<PlatformId, PlatformAdapter> = {
  wordpress: wordpressAdapter,
  ghost: ghostAdapter,
  shopify: shopifyAdapter,
  webflow: webflowAdapter,
};

export { platformIds, type PlatformId };

export function getPlatformAdapter(id: PlatformId): PlatformAdapter {
  return platformAdapters[id];
}

export function isPlatformId(value: string): value is PlatformId {
  return (platformIds as readonly string[]).includes(value);
}
