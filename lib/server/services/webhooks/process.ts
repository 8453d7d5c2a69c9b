import "server-only";
import type { Db } from "@/db/client";
import type { Content } from "@/db/tables";
import type { PlatformWebhooks, WebhookHints } from "@/lib/platforms/types";
import { insertEvents } from "@/db/queries/sync-events";
import {
  claimPendingReceipts,
  finishReceipts,
  getIntegrationWithSiteById,
  type WebhookReceipt,
} from "@/db/queries/webhooks";
import { logError } from "../../log";
import { adapterOf, createSyncContext } from "../sync/context";
import { describeError, isPermanentSiteError } from "../sync/errors";
import { importRemoteItem } from "../sync/import-item";

export const WEBHOOK_MAX_ATTEMPTS = 6;
const BATCH = 50;

/**
 * Works through an integration's pending webhook receipts. The payload is only a hint: each item
 * is read from the platform once (however many receipts name it) and stored as a pull would
 * store it, recorded as a `webhook` SyncEvent. Our own pushes' echoes are not re-imported.
 * Failures stay pending and are retried; after WEBHOOK_MAX_ATTEMPTS they fail.
 */
export async function processWebhookReceipts(db: Db, integrationId: string): Promise<number> {
  let processed = 0;
  for (;;) {
    const receipts = await claimPendingReceipts(db, { integrationId, limit: BATCH, leaseSeconds: 120 });
    if (receipts.length === 0) return processed;
    const row = await getIntegrationWithSiteById(db, { id: integrationId });
    const hooks = row && adapterOf(row.integration).webhooks;
    if (!row || !row.integration.isActive || !hooks) {
      await finishReceipts(
        db,
        { integrationId, webhookIds: receipts.map((r) => r.webhookId) },
        { status: "ignored", error: "integration inactive" },
      );
      continue;
    }
    // A password that cannot be opened fails every item below like a site that refuses us (recorded, not retried).
    const opened = await createSyncContext(db, {
      integration: row.integration,
      site: row.site,
      eventType: "webhook",
    }).then(
      (ctx) => ({ ctx }),
      (error: unknown) => {
        if (!isPermanentSiteError(error)) throw error;
        return { error };
      },
    );
    const contentTypes: readonly string[] = adapterOf(row.integration).capabilities.contentTypes;
    for (const [itemKey, group] of groupByItem(receipts, hooks)) {
      const ids = group.map((r) => r.receipt.webhookId);
      const hints = group.map((r) => r.hints);
      const contentType =
        hints[0] && contentTypes.includes(hints[0].type) ? (hints[0].type as Content["contentType"]) : undefined;
      if (!contentType || hints.every((h) => h?.isOurEcho)) {
        // Our own push's echo, or a type we do not sync: nothing to import.
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "ignored" });
        continue;
      }
      try {
        if ("error" in opened) throw opened.error;
        await importRemoteItem(opened.ctx, { externalId: hints[0]!.externalId, contentType });
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "processed" });
        processed += ids.length;
      } catch (error) {
        const described = describeError(error);
        const isFinal = isPermanentSiteError(error) || group.some((r) => r.receipt.attempts >= WEBHOOK_MAX_ATTEMPTS);
        if (!isFinal) {
          await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "pending", error: described.message });
          continue;
        }
        logError(`webhook for ${itemKey} on integration ${integrationId} failed`, error);
        await finishReceipts(db, { integrationId, webhookIds: ids }, { status: "failed", error: described.message });
        await insertEvents(db, [
          {
            accountId: row.integration.accountId,
            integrationId,
            eventType: "webhook",
            direction: "wp_to_igny8",
            contentType,
            externalId: hints[0]!.externalId,
            status: "failed",
            errorCode: described.code,
            errorMessage: described.message,
            metadata: {
              actions: hints.map((h) => h?.action),
              webhook_ids: ids,
              ...(described.fix ? { fix: described.fix } : {}),
            },
          },
        ]);
      }
    }
  }
}

/** Receipts by the item they name (what they hint at; a stored payload that no longer reads hints nothing). */
function groupByItem(receipts: WebhookReceipt[], hooks: PlatformWebhooks) {
  const groups = new Map<string, Array<{ receipt: WebhookReceipt; hints?: WebhookHints }>>();
  for (const receipt of receipts) {
    const parsed = hooks.parse(receipt.payload);
    const hints = parsed.ok ? parsed.hints : undefined;
    const key = `${hints?.type || "?"}:${hints?.externalId ?? 0}`;
    groups.set(key, [...(groups.get(key) ?? []), { receipt, hints }]);
  }
  return groups;
}
