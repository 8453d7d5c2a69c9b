import "server-only";
import type { SyncRun } from "@/db/tables";
import { updateIntegrationSyncState, updateLeasedRun } from "@/db/queries/sync";
import { logInfo } from "@/lib/server/log";
import type { SyncContext } from "./context";

/**
 * Ends a run under its lease: the run's result and the integration's sync state commit together,
 * then the outcome is logged. Does nothing when another worker took the run over.
 */
export async function finishRun(
  ctx: Pick<SyncContext, "db" | "integration" | "stats">,
  lease: { id: string; leaseId: string },
  run: SyncRun,
  result: {
    status: "completed" | "failed";
    processed: number;
    failed: number;
    total?: number;
    deferred?: number;
    error?: string;
    errorCode?: string;
    fix?: string;
  },
) {
  // The run's end and the integration's state commit together: whoever reads the run first
  // (getSyncStatus) never sees a finished run beside the integration's state from before it.
  const isOurs = await ctx.db.transaction(async (tx) => {
    const ours = await updateLeasedRun(tx, lease, {
      status: result.status,
      processed: result.processed,
      failed: result.failed,
      total: result.total ?? result.processed,
      error: result.error ?? null,
      errorCode: result.errorCode ?? null,
      finishedAt: new Date(),
      retries: run.retries + ctx.stats.retries,
    });
    if (ours)
      await updateIntegrationSyncState(tx, { id: ctx.integration.id }, integrationStateAfter(ctx.integration, result));
    return ours;
  });
  if (!isOurs) return;
  const waiting = result.deferred ? `, ${result.deferred} waiting for a publishing slot` : "";
  logInfo(
    `sync run ${lease.id}: ${result.status}, ${result.processed} processed, ${result.failed} failed${waiting}${result.errorCode ? ` (${result.errorCode})` : ""}`,
  );
}

/** The integration's sync state once a run ends: idle with the next scheduled pull, or in error (the connection too, when it is the cause). */
function integrationStateAfter(
  integration: SyncContext["integration"],
  result: { status: "completed" | "failed"; error?: string; errorCode?: string; fix?: string },
) {
  if (result.status === "completed") {
    const now = new Date();
    const interval = integration.syncIntervalMinutes;
    return {
      syncStatus: "idle" as const,
      syncError: null,
      lastSyncAt: now,
      consecutiveFailures: 0,
      nextSyncAt: interval ? new Date(now.getTime() + interval * 60_000) : null,
    };
  }
  const needsConnection = ["auth_failed", "rest_blocked", "forbidden", "credentials_unreadable"].includes(
    result.errorCode ?? "",
  );
  return {
    syncStatus: "error" as const,
    syncError: result.fix ? `${result.error} ${result.fix}` : (result.error ?? null),
    consecutiveFailures: integration.consecutiveFailures + 1,
    ...(needsConnection ? { connectionStatus: "error" as const, connectionErrorCode: result.errorCode } : {}),
  };
}
