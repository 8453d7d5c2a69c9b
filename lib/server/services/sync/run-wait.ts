import "server-only";
import type { Db } from "@/db/client";
import { updateLeasedRun } from "@/db/queries/sync";

/** Waits shorter than this pass unseen: the dashboard polls slower than that. */
const SHORTEST_SHOWN_MS = 200;

/**
 * The `onWait` a run hands its platform session: each wait for the platform's rate limit is written
 * on the run as `waiting_until` (under the run's lease), so the Sync Dashboard can say so while it
 * lasts. Requests in flight often wait for the same refill: a wait the row already covers is not
 * written again, and writes go one after another so a later end never loses to an earlier one.
 */
export function recordRunWaits(db: Db, lease: { id: string; leaseId: string }): (ms: number) => void {
  let recorded = 0;
  let writing: Promise<unknown> = Promise.resolve();
  return (ms) => {
    const until = Date.now() + ms;
    if (ms < SHORTEST_SHOWN_MS || until <= recorded + SHORTEST_SHOWN_MS) return;
    recorded = until;
    // A failed write only costs the notice; the sync goes on.
    writing = writing.then(() => updateLeasedRun(db, lease, { waitingUntil: new Date(until) }).catch(() => false));
  };
}
