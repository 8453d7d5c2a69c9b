import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { siteIntegrations, sites, webhookReceipts } from "../tables";

export type WebhookReceipt = typeof webhookReceipts.$inferSelect;

/**
 * Leases up to `limit` pending receipts of an integration for processing (attempts + 1, leased
 * until `leaseSeconds` from now); a crashed processor's lease runs out and the receipts come back.
 */
export async function claimPendingReceipts(db: Db, params: { integrationId: string; limit: number; leaseSeconds: number }): Promise<WebhookReceipt[]> {
  return db.execute(sql`
    update ${webhookReceipts} set attempts = attempts + 1, processed_at = now() + make_interval(secs => ${params.leaseSeconds})
    where (integration_id, webhook_id) in (
      select integration_id, webhook_id from ${webhookReceipts}
      where integration_id = ${params.integrationId} and status = 'pending' and (processed_at is null or processed_at < now())
      order by received_at limit ${params.limit} for update skip locked)
    returning integration_id as "integrationId", webhook_id as "webhookId", received_at as "receivedAt", payload, status, attempts, error, processed_at as "processedAt"`).then(
    (result) => ("rows" in (result as object) ? (result as unknown as { rows: WebhookReceipt[] }).rows : (result as unknown as WebhookReceipt[])),
  );
}

export async function finishReceipts(
  db: Db,
  params: { integrationId: string; webhookIds: string[] },
  values: { status: "processed" | "ignored" | "failed" | "pending"; error?: string | null },
) {
  if (params.webhookIds.length === 0) return;
  await db
    .update(webhookReceipts)
    .set({ status: values.status, error: values.error ?? null, ...(values.status === "pending" ? {} : { processedAt: new Date() }) })
    .where(and(eq(webhookReceipts.integrationId, params.integrationId), inArray(webhookReceipts.webhookId, params.webhookIds)));
}

/** Integrations with receipts waiting whose lease (if any) has run out. */
export async function listIntegrationsWithPendingReceipts(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: webhookReceipts.integrationId })
    .from(webhookReceipts)
    .where(sql`${webhookReceipts.status} = 'pending' and (${webhookReceipts.processedAt} is null or ${webhookReceipts.processedAt} < now())`)
    .limit(500);
  return rows.map((r) => r.id);
}

export async function getIntegrationWithSiteById(db: Db, params: { id: string }) {
  const [row] = await db
    .select({ integration: siteIntegrations, site: sites })
    .from(siteIntegrations)
    .innerJoin(sites, eq(sites.id, siteIntegrations.siteId))
    .where(eq(siteIntegrations.id, params.id));
  return row;
}
