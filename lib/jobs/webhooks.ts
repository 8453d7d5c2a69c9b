import "server-only";
import { getDb, type Db } from "@/db/client";
import { pruneWebhookReceipts } from "@/db/queries/webhooks";
import { defineJob, enqueue } from "./queue";

/** Processes an integration's pending webhook receipts. Payload: the integration id only. */
export const webhookProcessJob = defineJob<{ integrationId: string }>({
  name: "webhook-process",
  concurrency: 2,
  send: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 },
  handler: async ({ integrationId }) => {
    const { processWebhookReceipts } = await import("@/lib/server/services/webhooks/process");
    await processWebhookReceipts(await getDb(), integrationId);
  },
});

/**
 * How long a finished receipt is kept, and so how long a re-delivery of its webhook-id is answered
 * as a duplicate. The plugin (wordpress-plugin/.../class-igny8-queue.php) retries a failed delivery
 * 1, 2, 4 ... minutes apart (at most 4 h, or a Retry-After of at most 1 h) and gives up 24 h after
 * the event was queued; its runs start from WP-Cron, which on a quiet site waits for a page view,
 * so the last attempt can go out later than planned. A week is a wide margin over that day. A
 * re-delivery after it (e.g. "Retry failed" in the plugin) is recorded again, which is harmless:
 * the payload is only a hint and processing re-reads the post.
 */
export const WEBHOOK_RECEIPT_RETENTION_SECONDS = 7 * 24 * 3600;
/** Rows deleted per statement: each batch is a short transaction, so even a huge table is never locked for long. */
const PRUNE_BATCH = 1_000;

/** Deletes finished receipts past the retention, a batch at a time; answers how many went. */
export async function pruneOldWebhookReceipts(db: Db, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  let total = 0;
  for (;;) {
    const deleted = await pruneWebhookReceipts(db, { olderThanSeconds: WEBHOOK_RECEIPT_RETENTION_SECONDS, batch });
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** Prunes old webhook receipts; offered by every worker, let through once an hour by its singleton key. */
export const webhookPruneJob = defineJob<Record<string, never>>({
  name: "webhook-prune",
  concurrency: 1,
  send: { retryLimit: 0, expireInSeconds: 15 * 60 },
  handler: async () => {
    await pruneOldWebhookReceipts(await getDb());
  },
});

/** Receipts are the durable inbox: this sweep picks up any that a lost job or a crash left. */
export const webhookTicks = [
  {
    everyMs: 5_000,
    run: async () => {
      const { listIntegrationsWithPendingReceipts } = await import("@/db/queries/webhooks");
      for (const integrationId of await listIntegrationsWithPendingReceipts(await getDb())) {
        await enqueue(
          webhookProcessJob,
          { integrationId },
          { singletonKey: `webhook:${integrationId}`, singletonSeconds: 10 },
        );
      }
    },
  },
  {
    everyMs: 60_000,
    run: async () => {
      await enqueue(webhookPruneJob, {}, { singletonKey: "webhook-prune", singletonSeconds: 3600 });
    },
  },
];

const trailing = new Map<string, NodeJS.Timeout>();
const lastEnqueued = new Map<string, number>();

function enqueueFor(integrationId: string) {
  lastEnqueued.set(integrationId, Date.now());
  enqueue(
    webhookProcessJob,
    { integrationId },
    { singletonKey: `webhook:${integrationId}`, singletonSeconds: 1 },
  ).catch(() => {
    // The sweep picks the receipts up; the delivery is already safely recorded.
  });
}

/**
 * Called by the receiver after a delivery is recorded. A burst for one site becomes one job per
 * second (enqueued at most once a second from this process, and one per second by the queue's
 * singleton key across processes); a trailing job a second later takes what arrived while the
 * last one was finishing.
 */
export function scheduleWebhookProcessing(integrationId: string) {
  if (process.env.WEBHOOK_PROCESSING === "off") return;
  if (Date.now() - (lastEnqueued.get(integrationId) ?? 0) >= 1_000) enqueueFor(integrationId);
  if (trailing.has(integrationId)) return;
  const timer = setTimeout(() => {
    trailing.delete(integrationId);
    enqueueFor(integrationId);
  }, 1_100);
  timer.unref();
  trailing.set(integrationId, timer);
}
