CREATE TABLE "content_refs" (
	"content_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text,
	"url" text,
	"remote_status" text,
	"version" text,
	"base_hash" text,
	"base_version" text,
	"base_snapshot" jsonb,
	"sync_state" "sync_state" DEFAULT 'pending' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_refs_content_id_integration_id_pk" PRIMARY KEY("content_id","integration_id")
);
--> statement-breakpoint
CREATE TABLE "media_refs" (
	"image_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	CONSTRAINT "media_refs_image_id_integration_id_pk" PRIMARY KEY("image_id","integration_id")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_refs" (
	"taxonomy_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"parent_external_id" text,
	CONSTRAINT "taxonomy_refs_taxonomy_id_integration_id_pk" PRIMARY KEY("taxonomy_id","integration_id")
);
--> statement-breakpoint
DROP INDEX "content_site_wordpress_id_idx";--> statement-breakpoint
DROP INDEX "content_taxonomies_site_type_wp_idx";--> statement-breakpoint
DROP INDEX "site_integrations_site_platform_idx";--> statement-breakpoint
ALTER TABLE "sync_events" ALTER COLUMN "external_id" SET DATA TYPE text USING "external_id"::text;--> statement-breakpoint
ALTER TABLE "content_refs" ADD CONSTRAINT "content_refs_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_refs" ADD CONSTRAINT "content_refs_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_refs" ADD CONSTRAINT "media_refs_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_refs" ADD CONSTRAINT "media_refs_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_refs" ADD CONSTRAINT "taxonomy_refs_taxonomy_id_content_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."content_taxonomies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_refs" ADD CONSTRAINT "taxonomy_refs_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_refs_integration_external_idx" ON "content_refs" USING btree ("integration_id","external_id");--> statement-breakpoint
CREATE INDEX "taxonomy_refs_integration_idx" ON "taxonomy_refs" USING btree ("integration_id","external_id");--> statement-breakpoint
CREATE INDEX "content_site_idx" ON "content" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_integrations_site_platform_url_idx" ON "site_integrations" USING btree ("site_id","platform","external_site_url");--> statement-breakpoint
-- Every existing WordPress reference moves to its integration (one WordPress integration per site until now).
INSERT INTO "content_refs" ("content_id", "integration_id", "account_id", "external_id", "url", "remote_status", "version", "base_hash", "base_version", "base_snapshot", "sync_state", "last_synced_at", "created_at", "updated_at")
SELECT c."id", i."id", c."account_id", c."wordpress_id"::text, c."wordpress_url", c."wordpress_status", c."modified_gmt", c."base_hash", c."base_modified_gmt", c."base_snapshot", c."sync_state", c."last_synced_at", c."created_at", c."updated_at"
FROM "content" c JOIN "site_integrations" i ON i."site_id" = c."site_id" AND i."platform" = 'wordpress'
WHERE c."wordpress_id" IS NOT NULL OR c."sync_state" <> 'local';--> statement-breakpoint
INSERT INTO "taxonomy_refs" ("taxonomy_id", "integration_id", "account_id", "external_id", "parent_external_id")
SELECT t."id", i."id", t."account_id", t."wordpress_id"::text, t."parent_wordpress_id"::text
FROM "content_taxonomies" t JOIN "site_integrations" i ON i."site_id" = t."site_id" AND i."platform" = 'wordpress'
WHERE t."wordpress_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "media_refs" ("image_id", "integration_id", "account_id", "external_id", "url")
SELECT m."id", i."id", m."account_id", m."wordpress_media_id"::text, m."wordpress_source_url"
FROM "images" m JOIN "content" c ON c."id" = m."content_id" JOIN "site_integrations" i ON i."site_id" = c."site_id" AND i."platform" = 'wordpress'
WHERE m."wordpress_media_id" IS NOT NULL;--> statement-breakpoint
-- content.sync_state and last_synced_at summarise the item's references, kept by the database:
-- the most pressing state of its references (local without any), the newest sync.
CREATE FUNCTION "content_refs_summarise"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "content" c SET "sync_state" = s."state", "last_synced_at" = s."last_synced_at"
  FROM (
    SELECT ch."content_id",
      coalesce((SELECT r."sync_state" FROM "content_refs" r WHERE r."content_id" = ch."content_id"
        ORDER BY array_position(ARRAY['conflict', 'failed', 'pending', 'remote_deleted', 'remote_trashed', 'synced', 'local']::"sync_state"[], r."sync_state")
        LIMIT 1), 'local') AS "state",
      (SELECT max(r."last_synced_at") FROM "content_refs" r WHERE r."content_id" = ch."content_id") AS "last_synced_at"
    FROM (SELECT DISTINCT "content_id" FROM "changed") ch
  ) s
  WHERE c."id" = s."content_id" AND (c."sync_state" IS DISTINCT FROM s."state" OR c."last_synced_at" IS DISTINCT FROM s."last_synced_at");
  RETURN NULL;
END $$;--> statement-breakpoint
-- A written reference whose state and sync time are the item's already cannot change the summary
-- (it was at most as pressing, and no later): only the others are summarised again. A pull's new
-- items, written as in sync with their references, cost nothing here.
CREATE FUNCTION "content_refs_summarise_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "content" c SET "sync_state" = s."state", "last_synced_at" = s."last_synced_at"
  FROM (
    SELECT ch."content_id",
      coalesce((SELECT r."sync_state" FROM "content_refs" r WHERE r."content_id" = ch."content_id"
        ORDER BY array_position(ARRAY['conflict', 'failed', 'pending', 'remote_deleted', 'remote_trashed', 'synced', 'local']::"sync_state"[], r."sync_state")
        LIMIT 1), 'local') AS "state",
      (SELECT max(r."last_synced_at") FROM "content_refs" r WHERE r."content_id" = ch."content_id") AS "last_synced_at"
    FROM (
      SELECT DISTINCT w."content_id" FROM "changed" w JOIN "content" i ON i."id" = w."content_id"
      WHERE i."sync_state" IS DISTINCT FROM w."sync_state" OR i."last_synced_at" IS DISTINCT FROM w."last_synced_at"
    ) ch
  ) s
  WHERE c."id" = s."content_id" AND (c."sync_state" IS DISTINCT FROM s."state" OR c."last_synced_at" IS DISTINCT FROM s."last_synced_at");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "content_refs_summary_insert" AFTER INSERT ON "content_refs" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "content_refs_summarise_written"();--> statement-breakpoint
CREATE TRIGGER "content_refs_summary_update" AFTER UPDATE ON "content_refs" REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "content_refs_summarise_written"();--> statement-breakpoint
CREATE TRIGGER "content_refs_summary_delete" AFTER DELETE ON "content_refs" REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "content_refs_summarise"();--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "wordpress_id";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "wordpress_url";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "wordpress_status";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "modified_gmt";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "base_hash";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "base_modified_gmt";--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN "base_snapshot";--> statement-breakpoint
ALTER TABLE "content_taxonomies" DROP COLUMN "wordpress_id";--> statement-breakpoint
ALTER TABLE "content_taxonomies" DROP COLUMN "parent_wordpress_id";--> statement-breakpoint
ALTER TABLE "images" DROP COLUMN "wordpress_media_id";--> statement-breakpoint
ALTER TABLE "images" DROP COLUMN "wordpress_source_url";