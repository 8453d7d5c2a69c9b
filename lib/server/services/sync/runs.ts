import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { SyncRun } from "@/db/tables";
import { listContentToPush } from "@/db/queries/content-sync";
import {
  claimRun,
  getActiveRun,
  getRunForWorker,
  insertRunIfIdle,
  listStaleRuns,
  updateIntegrationSyncState,
  updateLeasedRun,
} from "@/db/queries/sync";
import { enqueue } from "@/lib/jobs/queue";
import { syncRunJob } from "@/lib/jobs/refs";
import { ApiError } from "@/lib/server/api/errors";
import { logError, logInfo } from "@/lib/server/log";
import { createSyncContext, type SyncContext } from "./context";
import { describeError, isPermanentSiteError } from "./errors";
import { pullAll, type PullCheckpoint } from "./pull";
import { pushWithinLimits } from "./push-within-limits";
import { finishRun } from "./finish-run";
import { recordRunWaits } from "./run-wait";

export type SyncDirection = SyncRun["direction"];

/** A worker that has not beaten for this long is taken for dead and its run resumed elsewhere. */
export function staleAfterMs(): number {
  const seconds = Number(process.env.SYNC_STALE_SECONDS ?? 60);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
}

/** Attempts of one run (first try, retries after transient failures, take-overs) before it fails. */
const MAX_ATTEMPTS = 6;

/** Thrown inside a run when another worker holds its lease now: stop quietly. */
class LeaseLost extends Error {}

/**
 * Queues a sync of one integration, or answers the run already queued or running (one per
 * integration, enforced by a partial unique index).
 */
export async function startSyncRun(
  db: Db,
  params: {
    accountId: string;
    integrationId: string;
    direction: SyncDirection;
    contentIds?: string[];
    full?: boolean;
    trigger?: string;
  },
): Promise<{ run: SyncRun; alreadyRunning: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const run = await insertRunIfIdle(db, {
      accountId: params.accountId,
      integrationId: params.integrationId,
      direction: params.direction,
      isFull: params.full ?? false,
      contentIds: params.contentIds ?? null,
      trigger: params.trigger ?? "manual",
    });
    if (run) {
      await updateIntegrationSyncState(db, { id: params.integrationId }, { syncStatus: "syncing" });
      await enqueue(syncRunJob, { runId: run.id });
      return { run, alreadyRunning: false };
    }
    const active = await getActiveRun(db, { integrationId: params.integrationId });
    if (active) return { run: active, alreadyRunning: true };
  }
  throw new Error("Could not queue the sync run.");
}

/** The job handler: claims the run (or leaves it to the worker holding it) and runs it to the end. */
export async function executeSyncRun(db: Db, runId: string): Promise<void> {
  const leaseId = randomUUID();
  const claimed = await claimRun(db, { id: runId, leaseId, staleBefore: new Date(Date.now() - staleAfterMs()) });
  if (!claimed) return;
  const loaded = await getRunForWorker(db, { id: runId });
  if (!loaded) return;
  const run = claimed;
  const lease = { id: runId, leaseId };
  let ctx: SyncContext;
  try {
    const onWait = recordRunWaits(db, lease);
    ctx = await createSyncContext(db, { integration: loaded.integration, site: loaded.site, runId, onWait });
  } catch (error) {
    // No credentials, or a stored password that does not decrypt: no retry can help, the run fails now.
    if (!(error instanceof ApiError)) throw error;
    const { code, message, fix } = describeError(error);
    await finishRun({ db, integration: loaded.integration, stats: { retries: 0 } }, lease, run, {
      status: "failed",
      processed: run.processed,
      failed: run.failed,
      total: run.total ?? undefined,
      error: message,
      errorCode: code,
      fix,
    });
    return;
  }
  let processed = run.processed;
  let failed = run.failed;
  let deferred = run.deferred;
  let deferredLimit = run.deferredLimit;
  let total = run.total ?? undefined;
  const checkpoint = run.checkpoint as {
    pull?: PullCheckpoint;
    pushDone?: boolean;
    pushFrom?: { processed: number; failed: number; total: number };
    attempts?: number;
  };
  checkpoint.attempts = (checkpoint.attempts ?? 0) + 1;
  let lastBeat = Date.now();
  const save = async (force = false) => {
    if (!force && Date.now() - lastBeat < 1000) return;
    lastBeat = Date.now();
    const isOurs = await updateLeasedRun(db, lease, {
      processed,
      failed,
      deferred,
      deferredLimit,
      total,
      checkpoint,
      retries: run.retries + ctx.stats.retries,
    });
    if (!isOurs) throw new LeaseLost();
  };
  // Beats while a long request is in flight, so a slow page never looks like a dead worker.
  const beat = setInterval(
    () => {
      updateLeasedRun(db, lease, {}).catch(() => {});
    },
    Math.max(250, staleAfterMs() / 4),
  );
  logInfo(
    `sync run ${runId}: ${run.direction}${run.isFull ? " (full)" : ""} started${run.processed ? `, resuming at ${run.processed}` : ""}`,
  );

  try {
    // Credentials first: a public listing would answer a wrong password as an anonymous visitor
    // (where every read needs them, the first read is the check).
    if (!ctx.adapter.capabilities.authenticatedReads) await ctx.session.verifyCredentials();
    if (run.direction !== "push") {
      checkpoint.pull ??= { doneTypes: [] };
      let totalBase = 0;
      await pullAll(ctx, {
        full: run.isFull,
        progress: {
          checkpoint: checkpoint.pull,
          report: async ({ processed: delta, total: typeTotal }) => {
            processed += delta;
            if (typeTotal !== undefined) {
              totalBase = total ?? 0;
              total = totalBase + typeTotal;
            }
            await save(delta === 0);
          },
        },
      });
    }
    if (run.direction !== "pull" && !checkpoint.pushDone) {
      // A resumed run lists and pushes again from the push's start: count from there, not twice.
      checkpoint.pushFrom ??= { processed, failed, total: total ?? 0 };
      ({ processed, failed } = checkpoint.pushFrom);
      deferred = 0;
      deferredLimit = null;
      const items = await listContentToPush(db, {
        accountId: ctx.accountId,
        integrationId: ctx.integration.id,
        siteId: ctx.site.id,
        ids: run.contentIds ?? undefined,
      });
      total = checkpoint.pushFrom.total + items.length;
      await save(true);
      for (let i = 0; i < items.length; i += 100) {
        const limited = await pushWithinLimits(ctx, items.slice(i, i + 100), {
          onProgress: async (done, itemFailures) => {
            processed += done;
            failed += itemFailures;
            await save(true);
          },
        });
        processed += limited.held;
        if (limited.deferred) {
          deferred += limited.deferred;
          deferredLimit ??= limited.fullLimit ?? null;
        }
        if (limited.deferred || limited.held) await save(true);
      }
      checkpoint.pushDone = true;
    }
    await finishRun(ctx, lease, run, { status: "completed", processed, failed, total, deferred });
  } catch (error) {
    if (error instanceof LeaseLost) return;
    if (isPermanentSiteError(error) || checkpoint.attempts >= MAX_ATTEMPTS) {
      const { code, message, fix } = describeError(error);
      await finishRun(ctx, lease, run, {
        status: "failed",
        processed,
        failed,
        total,
        error: message,
        errorCode: code,
        fix,
      });
      return;
    }
    // Transient (the site kept failing after the client's retries): back to the queue, resumed by the job's retry.
    await updateLeasedRun(db, lease, {
      status: "queued",
      processed,
      failed,
      total,
      checkpoint,
      error: describeError(error).message,
      retries: run.retries + ctx.stats.retries,
    }).catch(() => {});
    logError(`sync run ${runId} interrupted; it will be retried`, error);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

/**
 * The periodic check every worker process runs: a run whose worker died (no heartbeat) is queued
 * again and resumes from its checkpoint.
 */
export async function superviseSyncRuns(db: Db): Promise<void> {
  for (const runId of await listStaleRuns(db, { staleBefore: new Date(Date.now() - staleAfterMs()) })) {
    logInfo(`sync run ${runId}: no heartbeat, queued again to resume`);
    await enqueue(syncRunJob, { runId });
  }
  // Scheduled pulls (with their backoff while a site fails) are the publishing tick's job.
}
