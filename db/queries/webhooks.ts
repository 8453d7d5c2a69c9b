import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { countHit } from "./rate-limits";
import { executeRows } from "./raw";
import { siteIntegrations, sites, webhookReceipts } from "../tables";

export type WebhookReceipt = typeof webhookReceipts.$inferSelect;

/**
 * Leases up to `limit` pending receipts of an integration for processing (attempts + 1, leased
 * until `leaseSeconds` from now); a crashed processor's lease runs out and the receipts come back.
 */
export async function claimPendingReceipts(
  db: Executor,
  params: { integrationId: string; limit: number; leaseSeconds: number },
): Promise<WebhookReceipt[]> {
  return executeRows<WebhookReceipt>(
    db,
    sql`
    update ${webhookReceipts} set attempts = attempts + 1, processed_at = now() + make_interval(secs => ${params.leaseSeconds})
    where (integration_id, webhook_id) in (
      select integration_id, webhook_id from ${webhookReceipts}
      where integration_id = ${params.integrationId} and status = 'pending' and (processed_at is null or processed_at < now())
      order by received_at limit ${params.limit} for update skip locked)
    returning integration_id as "integrationId", webhook_id as "webhookId", received_at as "receivedAt", payload, status, attempts, error, processed_at as "processedAt"`,
  );
}

export async function finishReceipts(
  db: Executor,
  params: { integrationId: string; webhookIds: string[] },
  values: { status: "processed" | "ignored" | "failed" | "pending"; error?: string | null },
) {
  if (params.webhookIds.length === 0) return;
  await db
    .update(webhookReceipts)
    .set({
      status: values.status,
      error: values.error ?? null,
      ...(values.status === "pending" ? {} : { processedAt: new Date() }),
    })
    .where(
      and(
        eq(webhookReceipts.integrationId, params.integrationId),
        inArray(webhookReceipts.webhookId, params.webhookIds),
      ),
    );
}

/**
 * Deletes up to `batch` finished receipts (any status but pending) received more than
 * `olderThanSeconds` ago; answers how many went. Rows another transaction holds are skipped.
 */
export async function pruneWebhookReceipts(
  db: Executor,
  params: { olderThanSeconds: number; batch: number },
): Promise<number> {
  const rows = await executeRows<{ n: number }>(
    db,
    sql`
    with doomed as (
      select integration_id, webhook_id from ${webhookReceipts}
      where status <> 'pending' and received_at < now() - make_interval(secs => ${params.olderThanSeconds})
      limit ${params.batch} for update skip locked)
    delete from ${webhookReceipts} r using doomed
    where r.integration_id = doomed.integration_id and r.webhook_id = doomed.webhook_id
    returning 1 as n`,
  );
  return rows.length;
}

/** Integrations with receipts waiting whose lease (if any) has run out. */
export async function listIntegrationsWithPendingReceipts(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: webhookReceipts.integrationId })
    .from(webhookReceipts)
    .where(
      sql`${webhookReceipts.status} = 'pending' and (${webhookReceipts.processedAt} is null or ${webhookReceipts.processedAt} < now())`,
    )
    .limit(500);
  return rows.map((r) => r.id);
}

export async function getIntegrationWithSiteById(db: Executor, params: { id: string }) {
  const [row] = await db
    .select({ integration: siteIntegrations, site: sites })
    .from(siteIntegrations)
    .innerJoin(sites, eq(sites.id, siteIntegrations.siteId))
    .where(eq(siteIntegrations.id, params.id));
  return row;
}

export type RecordedDelivery = { inserted: boolean; limited: boolean; retryAfterSeconds: number };

/**
 * One round trip per delivery: counts it against the integration's fixed-window rate limit and,
 * when under the limit, records it by webhook-id (a repeat inserts nothing). "gone" when the
 * integration no longer exists.
 */
export async function recordDelivery(
  db: Executor,
  params: {
    integrationId: string;
    webhookId: string;
    payload: Record<string, unknown>;
    status: "pending" | "ignored";
    limit: number;
    windowSeconds: number;
  },
): Promise<RecordedDelivery | "gone"> {
  const query = sql`
    with counted as (${countHit(`webhook:${params.integrationId}`, params.windowSeconds)}),
    recorded as (
      insert into ${webhookReceipts} (integration_id, webhook_id, payload, status)
      select ${params.integrationId}, ${params.webhookId}, ${JSON.stringify(params.payload)}::jsonb, ${params.status}::webhook_receipt_status
      from counted where counted.count <= ${params.limit}
      on conflict do nothing
      returning 1)
    select (select count(*) from recorded)::int as inserted, counted.count > ${params.limit} as limited, counted.retry_after from counted`;
  try {
    const [row] = await executeRows<{ inserted: number; limited: boolean; retry_after: number }>(db, query);
    return { inserted: row.inserted > 0, limited: row.limited, retryAfterSeconds: row.retry_after };
  } catch (error) {
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
    if (code === "23503") return "gone"; // foreign key: the integration was deleted
    throw error;
  }
}
