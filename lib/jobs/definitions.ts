import "server-only";
import { getDb } from "@/db/client";
import { defineJob } from "./queue";
import { publishingTicks } from "./publishing";
import { webhookTicks } from "./webhooks";

// Job types. Handlers import their service lazily: services enqueue these jobs, so a static
// import would be circular.

/** Runs (or resumes) one sync run to its end. Payload: the run id only. */
export const syncRunJob = defineJob<{ runId: string }>({
  name: "sync-run",
  concurrency: 2,
  send: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 4 * 3600 },
  handler: async ({ runId }) => {
    const { executeSyncRun } = await import("@/lib/server/services/sync/runs");
    await executeSyncRun(await getDb(), runId);
  },
});

/** Periodic work of every worker process: often enough to notice a dead worker within half its stale time. */
export const jobTicks = [
  {
    everyMs: Math.max(250, Math.min(5_000, Number(process.env.SYNC_STALE_SECONDS ?? 60) * 500)),
    run: async () => {
      const { superviseSyncRuns } = await import("@/lib/server/services/sync/runs");
      await superviseSyncRuns(await getDb());
    },
  },
  ...publishingTicks,
  ...webhookTicks,
];
