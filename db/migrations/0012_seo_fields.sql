ALTER TABLE "content" ADD COLUMN "seo_title" text;--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN "seo_description" text;--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN "focus_keyword" text;--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN "canonical_url" text;