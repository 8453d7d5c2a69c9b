CREATE TYPE "public"."member_role" AS ENUM('owner', 'admin', 'member');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('draft', 'review', 'approved', 'scheduled', 'published');--> statement-breakpoint
CREATE TYPE "public"."content_type" AS ENUM('post', 'page', 'product');--> statement-breakpoint
CREATE TYPE "public"."sync_state" AS ENUM('local', 'pending', 'synced', 'failed', 'conflict', 'remote_trashed', 'remote_deleted');--> statement-breakpoint
CREATE TYPE "public"."taxonomy_type" AS ENUM('category', 'tag');--> statement-breakpoint
CREATE TYPE "public"."conflict_policy" AS ENUM('manual', 'igny8_wins', 'wordpress_wins', 'newest_wins');--> statement-breakpoint
CREATE TYPE "public"."conflict_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."connection_status" AS ENUM('pending', 'connected', 'error');--> statement-breakpoint
CREATE TYPE "public"."integration_sync_status" AS ENUM('pending', 'idle', 'syncing', 'completed', 'error');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('wordpress', 'shopify', 'ghost', 'webflow');--> statement-breakpoint
CREATE TYPE "public"."sync_direction" AS ENUM('igny8_to_wp', 'wp_to_igny8');--> statement-breakpoint
CREATE TYPE "public"."sync_event_status" AS ENUM('pending', 'success', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sync_event_type" AS ENUM('content_push', 'content_pull', 'webhook', 'taxonomy_sync', 'conflict');--> statement-breakpoint
CREATE TYPE "public"."sync_run_direction" AS ENUM('pull', 'push', 'both');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" "member_role" DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"is_system_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"content_type" "content_type" DEFAULT 'post' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"slug" text DEFAULT '' NOT NULL,
	"status" "content_status" DEFAULT 'draft' NOT NULL,
	"is_auto_approved" boolean DEFAULT false NOT NULL,
	"approved_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"featured_image_url" text,
	"wordpress_id" integer,
	"wordpress_url" text,
	"wordpress_status" text,
	"modified_gmt" text,
	"content_hash" text,
	"base_hash" text,
	"base_modified_gmt" text,
	"sync_state" "sync_state" DEFAULT 'local' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_taxonomies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"type" "taxonomy_type" NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"wordpress_id" integer,
	"parent_wordpress_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_taxonomy_links" (
	"content_id" uuid NOT NULL,
	"taxonomy_id" uuid NOT NULL,
	CONSTRAINT "content_taxonomy_links_content_id_taxonomy_id_pk" PRIMARY KEY("content_id","taxonomy_id")
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"content_id" uuid,
	"image_url" text,
	"data" "bytea",
	"mime_type" text,
	"sha256" text,
	"is_featured" boolean DEFAULT false NOT NULL,
	"wordpress_media_id" integer,
	"wordpress_source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"status" "conflict_status" DEFAULT 'open' NOT NULL,
	"detected_by" text NOT NULL,
	"base" jsonb,
	"igny8_version" jsonb NOT NULL,
	"wordpress_version" jsonb NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"platform" "platform" DEFAULT 'wordpress' NOT NULL,
	"external_site_url" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"sync_enabled" boolean DEFAULT true NOT NULL,
	"last_sync_at" timestamp with time zone,
	"sync_status" "integration_sync_status" DEFAULT 'pending' NOT NULL,
	"sync_error" text,
	"connection_status" "connection_status" DEFAULT 'pending' NOT NULL,
	"connection_error_code" text,
	"connection_checked_at" timestamp with time zone,
	"config_json" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_json" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"webhook_secret" text,
	"webhook_secret_previous" text,
	"webhook_secret_rotated_at" timestamp with time zone,
	"conflict_policy" "conflict_policy" DEFAULT 'manual' NOT NULL,
	"sync_interval_minutes" integer,
	"next_sync_at" timestamp with time zone,
	"pull_cursor" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"run_id" uuid,
	"event_type" "sync_event_type" NOT NULL,
	"direction" "sync_direction" NOT NULL,
	"content_type" text,
	"content_id" uuid,
	"external_id" integer,
	"status" "sync_event_status" DEFAULT 'pending' NOT NULL,
	"error_message" text,
	"error_code" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"direction" "sync_run_direction" NOT NULL,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"is_full" boolean DEFAULT false NOT NULL,
	"trigger" text DEFAULT 'manual' NOT NULL,
	"content_ids" jsonb,
	"processed" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"error_code" text,
	"checkpoint" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_receipts" (
	"integration_id" uuid NOT NULL,
	"webhook_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_receipts_integration_id_webhook_id_pk" PRIMARY KEY("integration_id","webhook_id")
);
--> statement-breakpoint
CREATE TABLE "publishing_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"auto_approval_enabled" boolean DEFAULT false NOT NULL,
	"auto_publish_enabled" boolean DEFAULT false NOT NULL,
	"daily_publish_limit" integer DEFAULT 5 NOT NULL,
	"weekly_publish_limit" integer DEFAULT 20 NOT NULL,
	"monthly_publish_limit" integer DEFAULT 60 NOT NULL,
	"publish_days" jsonb DEFAULT '["mon","tue","wed","thu","fri"]'::jsonb NOT NULL,
	"publish_time_slots" jsonb DEFAULT '[{"start":"09:00","end":"17:00"}]'::jsonb NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"wp_username" text,
	"wp_api_key" text,
	"wp_api_key_last4" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_accounts" ADD CONSTRAINT "auth_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content" ADD CONSTRAINT "content_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content" ADD CONSTRAINT "content_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_taxonomies" ADD CONSTRAINT "content_taxonomies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_taxonomies" ADD CONSTRAINT "content_taxonomies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_taxonomy_links" ADD CONSTRAINT "content_taxonomy_links_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_taxonomy_links" ADD CONSTRAINT "content_taxonomy_links_taxonomy_id_content_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."content_taxonomies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_conflicts" ADD CONSTRAINT "content_conflicts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_conflicts" ADD CONSTRAINT "content_conflicts_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_conflicts" ADD CONSTRAINT "content_conflicts_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_integrations" ADD CONSTRAINT "site_integrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_integrations" ADD CONSTRAINT "site_integrations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_events" ADD CONSTRAINT "sync_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_events" ADD CONSTRAINT "sync_events_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_events" ADD CONSTRAINT "sync_events_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_events" ADD CONSTRAINT "sync_events_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD CONSTRAINT "webhook_receipts_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_settings" ADD CONSTRAINT "publishing_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_settings" ADD CONSTRAINT "publishing_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_account_user_idx" ON "memberships" USING btree ("account_id","user_id");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_accounts_user_id_idx" ON "auth_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "content_site_status_idx" ON "content" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "content_account_idx" ON "content" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_site_wordpress_id_idx" ON "content" USING btree ("site_id","wordpress_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_taxonomies_site_type_wp_idx" ON "content_taxonomies" USING btree ("site_id","type","wordpress_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_taxonomies_site_type_slug_idx" ON "content_taxonomies" USING btree ("site_id","type","slug");--> statement-breakpoint
CREATE INDEX "content_taxonomy_links_taxonomy_idx" ON "content_taxonomy_links" USING btree ("taxonomy_id");--> statement-breakpoint
CREATE INDEX "images_content_idx" ON "images" USING btree ("content_id");--> statement-breakpoint
CREATE INDEX "images_account_sha_idx" ON "images" USING btree ("account_id","sha256");--> statement-breakpoint
CREATE INDEX "content_conflicts_integration_idx" ON "content_conflicts" USING btree ("integration_id","status");--> statement-breakpoint
CREATE INDEX "site_integrations_account_idx" ON "site_integrations" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "site_integrations_site_platform_idx" ON "site_integrations" USING btree ("site_id","platform");--> statement-breakpoint
CREATE INDEX "sync_events_integration_idx" ON "sync_events" USING btree ("integration_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_events_content_idx" ON "sync_events" USING btree ("content_id");--> statement-breakpoint
CREATE INDEX "sync_runs_integration_idx" ON "sync_runs" USING btree ("integration_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_idx" ON "sync_runs" USING btree ("integration_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "sites_account_idx" ON "sites" USING btree ("account_id");