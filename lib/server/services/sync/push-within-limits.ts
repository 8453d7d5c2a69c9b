import "server-only";
import type { Content } from "@/db/tables";
import { getSyncItems } from "@/db/queries/content-sync";
import { settlePublications } from "@/db/queries/publications";
import { reservePublications } from "../publishing-ledger";
import type { SyncContext } from "./context";
import { pushItems } from "./push";

export type LimitedPush = { deferred: number; held: number; fullLimit?: "daily" | "weekly" | "monthly" };

/**
 * A sync run's push, inside the site's publishing limits: each item's first publication takes a
 * slot in the ledger the scheduler and manual publishes share; once a limit is full the remaining
 * first publications wait (still approved) for a later push. Updates of items already published
 * take no slot; items the scheduler holds a slot for, or another push holds, are left to it.
 */
export async function pushWithinLimits(
  ctx: SyncContext,
  items: Content[],
  options: { onProgress: (done: number, failed: number) => Promise<void> },
): Promise<LimitedPush> {
  const first = items.filter((i) => i.status !== "published");
  const reservation = await reservePublications(ctx.db, {
    accountId: ctx.accountId,
    siteId: ctx.site.id,
    contentIds: first.map((i) => i.id),
    now: new Date(),
  });
  const skipped = new Set([...reservation.deferred, ...reservation.held]);
  const slots = new Map(
    reservation.allowed.flatMap((a) => (a.publicationId ? [[a.contentId, a.publicationId] as const] : [])),
  );
  let busy = 0;
  try {
    const outcomes = await pushItems(
      ctx,
      items.filter((i) => !skipped.has(i.id)),
      { batch: true, onProgress: options.onProgress },
    );
    // Items another push holds right now (a manual publish, the scheduler): that push sends them.
    busy = outcomes.filter((o) => o.busy).length;
  } finally {
    // Settled from what was stored, not from the answer: a push that stops on a site-wide error
    // (or a lost lease) has recorded the items it sent, and those keep their slots.
    const scope = { accountId: ctx.accountId, integrationId: ctx.integration.id };
    const rows = await getSyncItems(ctx.db, { ...scope, ids: [...slots.keys()] });
    const sent = new Set(rows.filter((r) => r.ref?.syncState === "synced" && r.ref.externalId).map((r) => r.id));
    const published = [...slots].filter(([id]) => sent.has(id)).map(([, slot]) => slot);
    const released = [...slots].filter(([id]) => !sent.has(id)).map(([, slot]) => slot);
    await settlePublications(ctx.db, { accountId: ctx.accountId, published, released, now: new Date() });
  }
  return {
    deferred: reservation.deferred.length,
    held: reservation.held.length + busy,
    fullLimit: reservation.fullLimit,
  };
}
