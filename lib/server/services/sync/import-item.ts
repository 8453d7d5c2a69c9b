import "server-only";
import type { Content } from "@/db/tables";
import { applyConflictPolicies } from "./conflicts";
import type { SyncContext } from "./context";
import { storeRemoteItem } from "./pull-by-id";

/**
 * Imports one remote item now (the webhook receiver's call): read by id, stored like a pulled item
 * when it changed, gone means deleted; a conflict it meets gets the integration's policy.
 */
export async function importRemoteItem(
  ctx: SyncContext,
  params: { externalId: string; contentType?: Content["contentType"] },
) {
  const { conflicts, ...result } = await storeRemoteItem(ctx, params);
  await applyConflictPolicies(ctx, conflicts);
  return result;
}
