import "server-only";
import type { ContentConflict } from "@/db/tables";
import { getSyncItems } from "@/db/queries/content-sync";
import { clearLocalChanges, getConflict, resolveConflictRow } from "@/db/queries/conflicts";
import { PlatformError } from "@/lib/platforms/types";
import { logError } from "@/lib/server/log";
import { newestSide, readVersion } from "../conflicts-versions";
import type { SyncContext } from "./context";
import { storeRemoteItem } from "./pull-by-id";
import { pushHeldItems, type PushOutcome } from "./push-core";
import { publishInProgress } from "./push-claims";

const scopeOf = (ctx: SyncContext) => ({ accountId: ctx.accountId, integrationId: ctx.integration.id });

/**
 * Pushes our copy over the platform's current one: its version is read now and sent as the
 * expected one, so an edit landing after this read still gets a conflict, never lost. A conflict
 * met here stays open: no policy runs inside a push that is itself a policy's or a user's choice.
 */
export async function pushOurs(ctx: SyncContext, contentId: string): Promise<PushOutcome> {
  const [item] = await getSyncItems(ctx.db, { ...scopeOf(ctx), ids: [contentId] });
  const externalId = item.ref?.externalId;
  const remote = externalId ? await ctx.session.getItem(item.contentType, externalId) : undefined;
  if (!remote) {
    throw new PlatformError("not_found", `The post no longer exists in ${ctx.adapter.displayName}.`, {
      fix: "Push the item again to create it, or delete it here.",
    });
  }
  const expectedVersions = new Map([[contentId, remote.version]]);
  const [outcome] = await pushHeldItems(ctx, [item], { batch: false, expectedVersions });
  if (outcome.busy) throw await publishInProgress(ctx, contentId);
  return outcome;
}

/** Stores the platform's current copy over ours (the pull's own import, after our edits are set aside). */
export async function storeTheirs(ctx: SyncContext, contentId: string) {
  const [item] = await getSyncItems(ctx.db, { ...scopeOf(ctx), ids: [contentId] });
  const externalId = item.ref?.externalId;
  if (!externalId) throw new PlatformError("not_found", `The item has no ${ctx.adapter.displayName} copy.`);
  await clearLocalChanges(ctx.db, { ...scopeOf(ctx), id: contentId });
  return storeRemoteItem(ctx, { externalId, contentType: item.contentType });
}

/**
 * Applies the integration's policy to an open conflict: manual leaves it open; igny8_wins pushes
 * ours, wordpress_wins stores theirs, newest_wins takes the later edit. The row is kept (resolved
 * `policy:<name>`) with both versions, so the losing one is never lost.
 */
export async function applyConflictPolicy(ctx: SyncContext, conflict: ContentConflict): Promise<ContentConflict> {
  const policy = ctx.integration.conflictPolicy;
  if (policy === "manual" || conflict.status !== "open") return conflict;
  const winner =
    policy === "igny8_wins"
      ? "igny8"
      : policy === "wordpress_wins"
        ? "remote"
        : newestSide(
            readVersion(conflict.igny8Version)?.updated_at,
            readVersion(conflict.wordpressVersion)?.modified_gmt,
          );
  try {
    if (winner === "igny8") {
      const outcome = await pushOurs(ctx, conflict.contentId);
      if (!outcome?.ok) return (await getConflict(ctx.db, { accountId: ctx.accountId, id: conflict.id })) ?? conflict;
    } else {
      await storeTheirs(ctx, conflict.contentId);
    }
  } catch (error) {
    logError(`conflict policy ${policy} on ${conflict.id} failed`, error);
    return conflict;
  }
  return (
    (await resolveConflictRow(
      ctx.db,
      { accountId: ctx.accountId, id: conflict.id },
      { resolution: `policy:${policy}` },
    )) ?? conflict
  );
}

/** Applies the policy to each conflict a pull step recorded. */
export async function applyConflictPolicies(ctx: SyncContext, conflicts: ContentConflict[]) {
  for (const conflict of conflicts) await applyConflictPolicy(ctx, conflict);
}
