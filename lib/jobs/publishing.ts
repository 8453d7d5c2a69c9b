import "server-only";
import { getDb } from "@/db/client";
import { defineJob, enqueue } from "./queue";

/**
 * The publishing scheduler: once a minute one worker (pg-boss singleton per minute) approves
 * items in review where auto-approval is on, publishes the due items of sites with auto-publish
 * on, and queues the scheduled pulls that are due. Running it twice at once is harmless: limits
 * and due moments are claimed in the database.
 */
export const publishingTickJob = defineJob<Record<string, never>>({
  name: "publishing-tick",
  concurrency: 1,
  send: { retryLimit: 0, expireInSeconds: 15 * 60 },
  handler: async () => {
    const [{ runPublishingTick }, { runScheduledSyncTick }] = await Promise.all([
      import("@/lib/server/services/publishing-tick"),
      import("@/lib/server/services/scheduled-sync"),
    ]);
    const db = await getDb();
    const now = new Date();
    await runScheduledSyncTick(db, now);
    await runPublishingTick(db, now);
  },
});

/** Every worker process offers the minute's tick; the singleton key lets one job through per minute. */
export const publishingTicks = [
  {
    everyMs: 15_000,
    run: async () => {
      await enqueue(publishingTickJob, {}, { singletonKey: "publishing-tick", singletonSeconds: 60 });
    },
  },
];
