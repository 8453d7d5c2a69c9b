CREATE TYPE "public"."webhook_receipt_status" AS ENUM('pending', 'processed', 'ignored', 'failed');--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "status" "webhook_receipt_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_receipts_pending_idx" ON "webhook_receipts" USING btree ("status","received_at") WHERE status = 'pending';