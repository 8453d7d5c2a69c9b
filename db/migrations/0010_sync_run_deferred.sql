ALTER TABLE "sync_runs" ADD COLUMN "deferred" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "deferred_limit" text;