import "server-only";
import { getDbHandle } from "@/db/client";
import { getKeyring } from "./secret-box";
import { getEnv } from "./env";
import { logError, logInfo } from "./log";

export async function startServer() {
  const env = getEnv();
  try {
    getKeyring();
    if (env.NODE_ENV === "production" && !env.BETTER_AUTH_SECRET) {
      throw new Error(
        "BETTER_AUTH_SECRET is not set. In production the app refuses to start without it: set BETTER_AUTH_SECRET=$(openssl rand -base64 32).",
      );
    }
  } catch (error) {
    logError((error as Error).message);
    process.exit(1);
  }
  let handle;
  try {
    handle = await getDbHandle();
  } catch (error) {
    logError(`Cannot open the database: ${(error as Error).message}`);
    process.exit(1);
  }
  logInfo(`database: ${handle.kind}${handle.kind === "embedded" ? ` in ${env.DATA_DIR}` : ""}`);
  const { startJobRunner, webProcessWorksJobs } = await import("@/lib/jobs/runner");
  await startJobRunner({ work: webProcessWorksJobs(handle.kind) }).catch((error) =>
    logError("Cannot start the job queue", error),
  );
}
