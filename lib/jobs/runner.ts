import "server-only";
import { jobTicks } from "./definitions";
import { startJobs, stopJobs } from "./queue";

export { enqueue } from "./queue";

/**
 * Starts the queue with every job type registered. With `work` this process also works jobs
 * (the embedded database's web process, `npm run worker`, and by default a web process on
 * PostgreSQL too; `JOBS_IN_WEB=false` leaves the work to dedicated workers).
 */
export function startJobRunner(options: { work: boolean }) {
  return startJobs({ work: options.work, ticks: jobTicks });
}

export const stopJobRunner = stopJobs;

/** Whether the web process should work jobs itself. */
export function webProcessWorksJobs(kind: "embedded" | "postgres"): boolean {
  if (kind === "embedded") return true;
  return !["false", "0", "off"].includes((process.env.JOBS_IN_WEB ?? "").toLowerCase());
}
