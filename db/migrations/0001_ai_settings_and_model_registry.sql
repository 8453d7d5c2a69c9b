CREATE TYPE "public"."ai_image_provider" AS ENUM('openai', 'runware', 'bria');--> statement-breakpoint
CREATE TYPE "public"."ai_key_status" AS ENUM('untested', 'ok', 'failed');--> statement-breakpoint
CREATE TYPE "public"."ai_model_type" AS ENUM('text', 'image');--> statement-breakpoint
CREATE TYPE "public"."ai_provider" AS ENUM('openai', 'anthropic', 'runware', 'bria');--> statement-breakpoint
CREATE TYPE "public"."ai_usage_kind" AS ENUM('text', 'image');--> statement-breakpoint
CREATE TABLE "account_ai_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"openai_api_key" text,
	"openai_key_last4" text,
	"openai_status" "ai_key_status",
	"openai_last_tested_at" timestamp with time zone,
	"anthropic_api_key" text,
	"anthropic_key_last4" text,
	"anthropic_status" "ai_key_status",
	"anthropic_last_tested_at" timestamp with time zone,
	"runware_api_key" text,
	"runware_key_last4" text,
	"runware_status" "ai_key_status",
	"runware_last_tested_at" timestamp with time zone,
	"bria_api_key" text,
	"bria_key_last4" text,
	"bria_status" "ai_key_status",
	"bria_last_tested_at" timestamp with time zone,
	"default_text_model" text,
	"default_image_model" text,
	"default_image_provider" "ai_image_provider",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_model_configs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ai_model_configs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" text NOT NULL,
	"provider" "ai_provider" NOT NULL,
	"type" "ai_model_type" NOT NULL,
	"display_name" text NOT NULL,
	"provider_model_id" text NOT NULL,
	"context_window" integer,
	"max_output_tokens" integer,
	"input_usd_per_token" numeric(20, 12),
	"output_usd_per_token" numeric(20, 12),
	"cached_input_usd_per_token" numeric(20, 12),
	"image_prices" jsonb,
	"is_active" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_model_configs_model_id_unique" UNIQUE("model_id")
);
--> statement-breakpoint
CREATE TABLE "ai_model_price_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ai_model_price_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" text NOT NULL,
	"old_input_usd_per_token" numeric(20, 12),
	"new_input_usd_per_token" numeric(20, 12),
	"old_output_usd_per_token" numeric(20, 12),
	"new_output_usd_per_token" numeric(20, 12),
	"old_cached_input_usd_per_token" numeric(20, 12),
	"new_cached_input_usd_per_token" numeric(20, 12),
	"old_image_prices" jsonb,
	"new_image_prices" jsonb,
	"old_source" text,
	"new_source" text,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_usage" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ai_usage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" uuid NOT NULL,
	"model_id" text NOT NULL,
	"provider" "ai_provider" NOT NULL,
	"kind" "ai_usage_kind" NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cached_input_tokens" integer DEFAULT 0 NOT NULL,
	"images" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 12) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "global_integration_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"openai_api_key" text,
	"openai_key_last4" text,
	"openai_status" "ai_key_status",
	"openai_last_tested_at" timestamp with time zone,
	"anthropic_api_key" text,
	"anthropic_key_last4" text,
	"anthropic_status" "ai_key_status",
	"anthropic_last_tested_at" timestamp with time zone,
	"runware_api_key" text,
	"runware_key_last4" text,
	"runware_status" "ai_key_status",
	"runware_last_tested_at" timestamp with time zone,
	"bria_api_key" text,
	"bria_key_last4" text,
	"bria_status" "ai_key_status",
	"bria_last_tested_at" timestamp with time zone,
	"default_text_model" text,
	"default_image_model" text,
	"default_image_provider" "ai_image_provider",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "global_integration_settings_single_row" CHECK ("global_integration_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "account_ai_settings" ADD CONSTRAINT "account_ai_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_model_price_history" ADD CONSTRAINT "ai_model_price_history_model_id_ai_model_configs_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."ai_model_configs"("model_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_model_configs_type_provider_idx" ON "ai_model_configs" USING btree ("type","provider");--> statement-breakpoint
CREATE INDEX "ai_model_price_history_model_idx" ON "ai_model_price_history" USING btree ("model_id","changed_at");--> statement-breakpoint
CREATE INDEX "ai_usage_account_created_idx" ON "ai_usage" USING btree ("account_id","created_at");