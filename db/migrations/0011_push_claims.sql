CREATE TABLE "push_claims" (
	"content_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"token" uuid NOT NULL,
	"run_id" uuid,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "push_claims_content_id_integration_id_pk" PRIMARY KEY("content_id","integration_id")
);
--> statement-breakpoint
ALTER TABLE "push_claims" ADD CONSTRAINT "push_claims_content_id_content_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."content"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_claims" ADD CONSTRAINT "push_claims_integration_id_site_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."site_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_claims_token_idx" ON "push_claims" USING btree ("token");