import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { executeRows } from "./raw";
import { pushClaims, syncEvents, type PushClaim, type SyncEvent } from "../tables";

type Holder = { accountId: string; integrationId: string; token: string; runId?: string | null };

/**
 * Claims these items for one push to one integration: a row per item is inserted, or taken over
 * when its holder let it lapse; an item another holder claimed stays theirs. Answers the ids
 * claimed. Expiry is the database's clock, so processes with skewed clocks agree.
 */
export async function claimForPush(
  db: Executor,
  params: Holder & { contentIds: string[]; leaseSeconds: number },
): Promise<string[]> {
  if (!params.contentIds.length) return [];
  const rows = await executeRows<{ content_id: string }>(
    db,
    sql`
    insert into ${pushClaims} (content_id, integration_id, account_id, token, run_id, expires_at)
    select c.id, ${params.integrationId}, ${params.accountId}, ${params.token}, ${params.runId ?? null},
      now() + make_interval(secs => ${params.leaseSeconds})
    from content c where c.id = any(${`{${params.contentIds.join(",")}}`}::uuid[]) and c.account_id = ${params.accountId}
    on conflict (content_id, integration_id) do update
      set token = excluded.token, run_id = excluded.run_id, claimed_at = now(), expires_at = excluded.expires_at
      where ${pushClaims.expiresAt} < now()
    returning content_id`,
  );
  return rows.map((r) => r.content_id);
}

/** Keeps a holder's claims alive; answers how many it still holds. */
export async function renewPushClaims(db: Executor, params: { token: string; leaseSeconds: number }): Promise<number> {
  const rows = await db
    .update(pushClaims)
    .set({ expiresAt: sql`now() + make_interval(secs => ${params.leaseSeconds})` })
    .where(eq(pushClaims.token, params.token))
    .returning({ contentId: pushClaims.contentId });
  return rows.length;
}

/** Ends a holder's claims (never another holder's). */
export async function releasePushClaims(db: Executor, params: { token: string }) {
  await db.delete(pushClaims).where(eq(pushClaims.token, params.token));
}

export type ClaimState = Pick<PushClaim, "token" | "runId"> & { isLapsed: boolean };

/** The current claim on one item's push to one integration, if any. */
export async function getPushClaim(
  db: Executor,
  params: { accountId: string; integrationId: string; contentId: string },
): Promise<ClaimState | undefined> {
  const [row] = await db
    .select({
      token: pushClaims.token,
      runId: pushClaims.runId,
      isLapsed: sql<boolean>`${pushClaims.expiresAt} < now()`,
    })
    .from(pushClaims)
    .where(
      and(
        eq(pushClaims.contentId, params.contentId),
        eq(pushClaims.integrationId, params.integrationId),
        eq(pushClaims.accountId, params.accountId),
      ),
    );
  return row;
}

/** The newest push event of one item to one integration (the result a finished push left). */
export async function getLatestPushEvent(
  db: Executor,
  params: { accountId: string; integrationId: string; contentId: string },
): Promise<SyncEvent | undefined> {
  const [row] = await db
    .select()
    .from(syncEvents)
    .where(
      and(
        eq(syncEvents.accountId, params.accountId),
        eq(syncEvents.integrationId, params.integrationId),
        eq(syncEvents.contentId, params.contentId),
        eq(syncEvents.eventType, "content_push"),
      ),
    )
    .orderBy(desc(syncEvents.createdAt))
    .limit(1);
  return row;
}
