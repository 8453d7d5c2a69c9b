import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { siteIntegrations } from "./integrations";

export const webhookReceiptStatus = pgEnum("webhook_receipt_status", ["pending", "processed", "ignored", "failed"]);

/**
 * Verified webhook deliveries, keyed by the sender's webhook-id: a repeated delivery is a no-op,
 * and a receipt not yet processed is the durable inbox the processor works from.
 */
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    integrationId: uuid()
      .notNull()
      .references(() => siteIntegrations.id, { onDelete: "cascade" }),
    webhookId: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    payload: jsonb().$type<Record<string, unknown>>(),
    status: webhookReceiptStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    error: text(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.webhookId] }),
    index("webhook_receipts_pending_idx")
      .on(t.status, t.receivedAt)
      .where(sql`status = 'pending'`),
  ],
);
