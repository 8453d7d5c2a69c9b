import type { JobRef } from "./queue";

/**
 * Jobs that services enqueue, by name and send options only: their handlers (definitions.ts)
 * import those services, so the services importing the handlers would be a cycle.
 */

/** Runs (or resumes) one sync run to its end. Payload: the run id only. */
export const syncRunJob: JobRef<{ runId: string }> = {
  name: "sync-run",
  send: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 4 * 3600 },
};
