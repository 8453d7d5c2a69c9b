ALTER TABLE "sync_runs" ADD COLUMN "lease_id" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "retries" integer DEFAULT 0 NOT NULL;