CREATE TYPE "public"."role" AS ENUM('stakeholder', 'retention', 'data_scientist', 'admin');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb,
	"ip" text,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "customer_snapshots" (
	"month" date NOT NULL,
	"customer_id" text NOT NULL,
	"tenure_months" smallint NOT NULL,
	"plan" text NOT NULL,
	"contract" text NOT NULL,
	"monthly_charge" real NOT NULL,
	"payment_method" text NOT NULL,
	"failed_payments_90d" smallint NOT NULL,
	"watch_hours_30d" real,
	"sessions_30d" smallint NOT NULL,
	"days_since_last_login" smallint NOT NULL,
	"devices" smallint NOT NULL,
	"profiles" smallint NOT NULL,
	"support_tickets_90d" smallint NOT NULL,
	"avg_rating_given" real,
	"content_diversity" real NOT NULL,
	"completion_rate" real NOT NULL,
	"downloads_30d" smallint NOT NULL,
	"plan_changes_12m" smallint NOT NULL,
	"primary_device" text NOT NULL,
	"promo_used" boolean NOT NULL,
	"autoplay_off" boolean NOT NULL,
	"churned" boolean,
	CONSTRAINT "customer_snapshots_month_customer_id_pk" PRIMARY KEY("month","customer_id"),
	CONSTRAINT "customer_snapshots_charge_check" CHECK ("customer_snapshots"."monthly_charge" >= 0)
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"signup_month" date NOT NULL,
	"age_band" text NOT NULL,
	"gender" text NOT NULL,
	"region" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_snapshots" ADD CONSTRAINT "customer_snapshots_customer_id_customers_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("customer_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_created_at_idx" ON "api_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "customer_snapshots_customer_idx" ON "customer_snapshots" USING btree ("customer_id","month");--> statement-breakpoint
CREATE INDEX "customers_region_idx" ON "customers" USING btree ("region");