import "server-only";
import type { Content } from "@/db/tables";
import { settlePublications } from "@/db/queries/publishing";
import { reservePublications } from "../publishing-ledger";
import type { SyncContext } from "./context";
import { pushItems } from "./push";

export type LimitedPush = { deferred: number; fullLimit?: "daily" | "weekly" | "monthly" };

/**
 * A sync run's push, inside the site's publishing limits: each item's first publication takes a
 * slot in the ledger the scheduler and manual publishes share; once a limit is full the remaining
 * first publications wait (still approved) for a later push or the scheduler. Updates of items
 * already published take no slot. A slot whose push failed is given back.
 */
export async function pushWithinLimits(
  ctx: SyncContext,
  items: Content[],
  options: { onProgress: (done: number, failed: number) => Promise<void> },
): Promise<LimitedPush> {
  const first = items.filter((i) => i.status !== "published");
  const reservation = await reservePublications(ctx.db, { accountId: ctx.accountId, siteId: ctx.site.id, contentIds: first.map((i) => i.id), now: new Date() });
  const deferred = new Set(reservation.deferred);
  const slots = new Map(reservation.allowed.flatMap((a) => (a.publicationId ? [[a.contentId, a.publicationId] as const] : [])));
  const published: string[] = [];
  try {
    const outcomes = await pushItems(
      ctx,
      items.filter((i) => !deferred.has(i.id)),
      { batch: true, onProgress: options.onProgress },
    );
    for (const outcome of outcomes) {
      const slot = slots.get(outcome.contentId);
      if (slot && outcome.ok) published.push(slot);
    }
  } finally {
    const done = new Set(published);
    await settlePublications(ctx.db, { published, released: [...slots.values()].filter((id) => !done.has(id)), now: new Date() });
  }
  return { deferred: deferred.size, fullLimit: reservation.fullLimit };
}
