import "server-only";
import { getDb } from "@/db/client";
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

/** Receipts are the durable inbox: this sweep picks up any that a lost job or a crash left. */
export const webhookTicks = [
  {
    everyMs: 5_000,
    run: async () => {
      const { listIntegrationsWithPendingReceipts } = await import("@/db/queries/webhooks");
      for (const integrationId of await listIntegrationsWithPendingReceipts(await getDb())) {
        await enqueue(webhookProcessJob, { integrationId }, { singletonKey: `webhook:${integrationId}`, singletonSeconds: 10 });
      }
    },
  },
];

const trailing = new Map<string, NodeJS.Timeout>();
const lastEnqueued = new Map<string, number>();

function enqueueFor(integrationId: string) {
  lastEnqueued.set(integrationId, Date.now());
  enqueue(webhookProcessJob, { integrationId }, { singletonKey: `webhook:${integrationId}`, singletonSeconds: 1 }).catch(() => {
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
