ALTER TABLE "content" DROP CONSTRAINT "content_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "content_taxonomy_links" DROP CONSTRAINT "content_taxonomy_links_taxonomy_id_content_taxonomies_id_fk";
--> statement-breakpoint
ALTER TABLE "sync_events" DROP CONSTRAINT "sync_events_account_id_accounts_id_fk";
--> statement-breakpoint
DROP INDEX "content_site_status_idx";--> statement-breakpoint
DROP INDEX "content_account_idx";