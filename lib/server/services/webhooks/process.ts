import "server-only";
import type { Db } from "@/db/client";
import type { Content } from "@/db/tables";
import { insertEvents } from "@/db/queries/sync";
import { claimPendingReceipts, finishReceipts, getIntegrationWithSiteById, type WebhookReceipt } from "@/db/queries/webhooks";
import { logError } from "../../log";
import { createSyncContext } from "../sync/context";
import { describeError, isPermanentSiteError } from "../sync/errors";
import { importWordPressItem } from "../sync/pull-by-id";
import type { WordPressWebhook } from "./receive";

export const WEBHOOK_MAX_ATTEMPTS = 6;
const BATCH = 50;

const CONTENT_TYPES = new Map<string, Content["contentType"]>([["post", "post"], ["page", "page"], ["product", "product"]]);

/**
 * Works through an integration's pending webhook receipts. The payload is only a hint: each post
 * is fetched from WordPress once (however many receipts name it) and stored as a pull would
 * store it, recorded as a `webhook` SyncEvent. Our own pushes' echoes (origin igny8) are not
 * re-imported. Failures stay pending and are retried; after WEBHOOK_MAX_ATTEMPTS they fail.
 */
export async function processWebhookReceipts(db: Db, integrationId: string): Promise<number> {
  let processed = 0;
  for (;;) {
    const receipts = await claimPendingReceipts(db, { integrationId, limit: BATCH, leaseSeconds: 120 });
    if (receipts.length === 0) return processed;
    const row = await getIntegrationWithSiteById(db, { id: integrationId });
    if (!row || !row.integration.isActive) {
      await finishReceipts(db, { integrationId, webhookIds: receipts.map((r) => r.webhookId) }, { status: "ignored", error: "integration inactive" });
      continue;
    }
    // A password that cannot be opened fails every item below like a site that refuses us (recorded, not retried).
    const opened = await createSyncContext(db, { integration: row.integration, site: row.site, eventType: "webhook" }).then(
      (ctx) => ({ ctx }),
      (error: unknown) => {
        if (!isPermanentSiteError(error)) throw error;
        return { error };
      },
    );
    for (const [postKey, group] of groupByPost(receipts)) {
      const ids = group.map((r) => r.webhookId);
      const payloads = group.map((r) => r.payload as WordPressWebhook);
      const contentType = CONTENT_TYPES.get(payloads[0].post_type ?? "");
      if (!contentType || payloads.every((p) => p.origin === "igny8")) {
        // Our own push's echo, or a type we do not sync: nothing to import.
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "ignored" });
        continue;
      }
      try {
        if ("error" in opened) throw opened.error;
        await importWordPressItem(opened.ctx, { wordpressId: payloads[0].post_id, contentType });
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "processed" });
        processed += ids.length;
      } catch (error) {
        const described = describeError(error);
        const isFinal = isPermanentSiteError(error) || group.some((r) => r.attempts >= WEBHOOK_MAX_ATTEMPTS);
        if (!isFinal) {
          await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "pending", error: described.message });
          continue;
        }
        logError(`webhook for ${postKey} on integration ${integrationId} failed`, error);
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "failed", error: described.message });
        await insertEvents(db, [
          {
            accountId: row.integration.accountId,
            integrationId,
            eventType: "webhook",
            direction: "wp_to_igny8",
            contentType,
            externalId: payloads[0].post_id,
            status: "failed",
            errorCode: described.code,
            errorMessage: described.message,
            metadata: { actions: payloads.map((p) => p.action), webhook_ids: ids, ...(described.fix ? { fix: described.fix } : {}) },
          },
        ]);
      }
    }
  }
}

function groupByPost(receipts: WebhookReceipt[]) {
  const groups = new Map<string, WebhookReceipt[]>();
  for (const receipt of receipts) {
    const payload = receipt.payload as WordPressWebhook | null;
    const key = `${payload?.post_type ?? "?"}:${payload?.post_id ?? 0}`;
    groups.set(key, [...(groups.get(key) ?? []), receipt]);
  }
  return groups;
}
