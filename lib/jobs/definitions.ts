import "server-only";
import { getDb } from "@/db/client";
import { defineJob } from "./queue";
import { syncRunJob } from "./refs";
import { publishingTicks } from "./publishing";
import { webhookTicks } from "./webhooks";

// Job handlers. They import their service lazily (loaded where jobs are worked); services
// enqueue by the refs in refs.ts, which import nothing back.

defineJob<{ runId: string }>({
  ...syncRunJob,
  concurrency: 2,
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
