import "server-only";
import { platformIds, type PlatformAdapter, type PlatformId } from "@/lib/platforms/types";
import { ghostAdapter } from "@/lib/platforms/ghost";
import { wordpressAdapter } from "@/lib/platforms/wordpress";

/** One line per platform. The DB enum and the API's zod enum use `platformIds` (types.ts). */
export const platformAdapters: Record<PlatformId, PlatformAdapter> = {
  wordpress: wordpressAdapter,
  ghost: ghostAdapter,
};

export { platformIds, type PlatformId };

export function getPlatformAdapter(id: PlatformId): PlatformAdapter {
  return platformAdapters[id];
}

export function isPlatformId(value: string): value is PlatformId {
  return (platformIds as readonly string[]).includes(value);
}
