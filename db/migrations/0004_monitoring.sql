CREATE TABLE "alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_kind" text NOT NULL,
	"value" double precision,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"feature" text,
	"comparison" text NOT NULL,
	"threshold" double precision NOT NULL,
	"consecutive" integer DEFAULT 1 NOT NULL,
	"window_kind" text DEFAULT 'month' NOT NULL,
	"severity" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"retrain" boolean DEFAULT false NOT NULL,
	"auto_promote" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_labels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_labels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" text,
	"month" date,
	"request_id" text,
	"row_index" integer,
	"churned" boolean NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_references" (
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"rows" integer NOT NULL,
	"profiles" jsonb NOT NULL,
	"score_profile" jsonb NOT NULL,
	"performance" jsonb NOT NULL,
	"threshold" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_state" (
	"key" text PRIMARY KEY NOT NULL,
	"last_batch_id" bigint DEFAULT 0 NOT NULL,
	"last_label_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_windows" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monitoring_windows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"kind" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"predictions" integer NOT NULL,
	"labeled" integer NOT NULL,
	"drift" jsonb NOT NULL,
	"drift_share" double precision NOT NULL,
	"dataset_drift" boolean NOT NULL,
	"prediction_drift" jsonb NOT NULL,
	"mean_score" double precision NOT NULL,
	"realized" jsonb,
	"estimated" jsonb NOT NULL,
	"profiles" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retraining_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid,
	"alert_event_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text NOT NULL,
	"model_name" text NOT NULL,
	"base_version" integer NOT NULL,
	"new_version" integer,
	"run_id" text,
	"data" jsonb,
	"comparison" jsonb,
	"auto_promote" boolean DEFAULT false NOT NULL,
	"promoted" boolean DEFAULT false NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"min_severity" text DEFAULT 'warning' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retraining_runs" ADD CONSTRAINT "retraining_runs_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retraining_runs" ADD CONSTRAINT "retraining_runs_alert_event_id_alert_events_id_fk" FOREIGN KEY ("alert_event_id") REFERENCES "public"."alert_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_events_rule_window_uq" ON "alert_events" USING btree ("rule_id","model_name","model_version","window_start");--> statement-breakpoint
CREATE INDEX "alert_events_status_idx" ON "alert_events" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "churn_labels_customer_month_uq" ON "churn_labels" USING btree ("customer_id","month") WHERE customer_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_labels_request_row_uq" ON "churn_labels" USING btree ("request_id","row_index") WHERE request_id is not null;--> statement-breakpoint
CREATE INDEX "churn_labels_updated_idx" ON "churn_labels" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_references_pk" ON "monitoring_references" USING btree ("model_name","model_version");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_windows_key" ON "monitoring_windows" USING btree ("model_name","model_version","kind","start");--> statement-breakpoint
CREATE INDEX "monitoring_windows_start_idx" ON "monitoring_windows" USING btree ("start");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");