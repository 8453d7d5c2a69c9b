// npm run worker - a job worker process: syncs and the other background jobs, sharing PostgreSQL
// with the web processes and any number of other workers.
import { closeDb, getDbHandle } from "@/db/client";
import { getEnv } from "@/lib/server/env";
import { logError, logInfo } from "@/lib/server/log";
import { startJobRunner, stopJobRunner } from "./runner";

async function main() {
  if (!getEnv().DATABASE_URL) {
    logError(
      "npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, jobs run inside the web process (npm run dev / npm start).",
    );
    process.exit(1);
  }
  await getDbHandle();
  await startJobRunner({ work: true });
  logInfo(`worker ${process.pid} started`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logInfo(`worker ${process.pid}: ${signal}, finishing the current jobs`);
    await stopJobRunner().catch((error) => logError("stopping the job queue failed", error));
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  logError("worker failed to start", error);
  process.exit(1);
});
