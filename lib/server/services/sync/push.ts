import "server-only";
import type { Content } from "@/db/tables";
import { applyConflictPolicy } from "./conflicts";
import type { SyncContext } from "./context";
import { pushHeldItems, type PushOptions, type PushOutcome } from "./push-core";

export type { PushOutcome };

/**
 * Pushes items (push-core.ts) and applies the integration's conflict policy to each conflict the
 * push meets, as every push but a policy's own does.
 */
export function pushItems(
  ctx: SyncContext,
  items: Content[],
  options: Omit<PushOptions, "onConflict">,
): Promise<PushOutcome[]> {
  return pushHeldItems(ctx, items, { ...options, onConflict: (conflict) => applyConflictPolicy(ctx, conflict) });
}
