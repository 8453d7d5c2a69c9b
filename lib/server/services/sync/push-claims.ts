import "server-only";
import crypto from "node:crypto";
import { claimForPush, getPushClaim, releasePushClaims, renewPushClaims } from "@/db/queries/push-claims";
import { ApiError } from "@/lib/server/api/errors";
import { logError } from "@/lib/server/log";
import type { SyncContext } from "./context";

/** A claim lapses this long after its holder last renewed it (a process that died mid-push). */
export const CLAIM_LEASE_SECONDS = 45;
/** Holders renew well inside the lease, whatever the push is waiting for. */
const RENEW_EVERY_MS = 10_000;

export type PushHold = {
  /** Items this context may push now: claimed here, or already held by an outer push of the same context. */
  held: Set<string>;
  release: () => Promise<void>;
};

/**
 * Claims items for a push to the context's integration, in the database, so that only one push
 * of an item runs anywhere at once. Items an outer push of this same context holds (a conflict
 * policy pushing ours from inside a push) count as held. The claim is renewed while the push
 * runs and released when it ends; `release` is safe to call once in a `finally`.
 */
export async function holdForPush(ctx: SyncContext, contentIds: string[]): Promise<PushHold> {
  const inherited = contentIds.filter((id) => ctx.pushClaims.has(id));
  const wanted = contentIds.filter((id) => !ctx.pushClaims.has(id));
  const token = crypto.randomUUID();
  const holder = { accountId: ctx.accountId, integrationId: ctx.integration.id, token, runId: ctx.runId };
  const claimed = await claimForPush(ctx.db, { ...holder, contentIds: wanted, leaseSeconds: CLAIM_LEASE_SECONDS });
  for (const id of claimed) ctx.pushClaims.add(id);
  const renewal = claimed.length
    ? setInterval(() => {
        renewPushClaims(ctx.db, { token, leaseSeconds: CLAIM_LEASE_SECONDS }).catch((error) =>
          logError(`renewing push claims ${token}`, error),
        );
      }, RENEW_EVERY_MS)
    : undefined;
  renewal?.unref();
  let released = false;
  return {
    held: new Set([...inherited, ...claimed]),
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      for (const id of claimed) ctx.pushClaims.delete(id);
      if (claimed.length) await releasePushClaims(ctx.db, { token });
    },
  };
}

/** 409 for an item another push holds, naming the sync run that holds it when it is one. */
export async function publishInProgress(ctx: SyncContext, contentId: string): Promise<ApiError> {
  const claim = await getPushClaim(ctx.db, { accountId: ctx.accountId, integrationId: ctx.integration.id, contentId });
  return new ApiError(
    "publish_in_progress",
    claim?.runId ? "This item is being pushed by a sync run right now." : "This item is being pushed right now.",
    {
      fix: claim?.runId
        ? "Follow the run on the Sync Dashboard; the item shows its WordPress post when it is done."
        : "Wait a few seconds and reload the item: it shows the result.",
      details: claim?.runId ? { run_id: claim.runId } : undefined,
    },
  );
}
