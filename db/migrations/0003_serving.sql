CREATE TABLE "batch_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_name" text NOT NULL,
	"model_version" integer,
	"total_rows" integer,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"checkpoint" jsonb
);
--> statement-breakpoint
CREATE TABLE "prediction_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prediction_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text NOT NULL,
	"source" text NOT NULL,
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"threshold" double precision NOT NULL,
	"latency_ms" real NOT NULL,
	"caller" text,
	"n" integer NOT NULL,
	"row_indexes" integer[] NOT NULL,
	"customer_ids" text[] NOT NULL,
	"feature_names" text[] NOT NULL,
	"features" json NOT NULL,
	"probabilities" double precision[] NOT NULL,
	"risk_bands" text[] NOT NULL,
	"contacts" boolean[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "batch_jobs_created_at_idx" ON "batch_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "prediction_batches_at_idx" ON "prediction_batches" USING btree ("at");--> statement-breakpoint
CREATE INDEX "prediction_batches_request_idx" ON "prediction_batches" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "prediction_batches_model_at_idx" ON "prediction_batches" USING btree ("model_name","model_version","at");--> statement-breakpoint
CREATE VIEW "public"."prediction_log" AS (select b.id as batch_id, b.at, b.request_id, r.row_index, b.source, b.model_name, b.model_version, r.customer_id,
  (select coalesce(jsonb_object_agg(z.name, z.value), '{}'::jsonb) from rows from (unnest(b.feature_names), json_array_elements(r.features)) as z(name, value)) as features,
  r.churn_probability, r.risk_band, r.contact, b.threshold, b.latency_ms, b.caller
  from prediction_batches b
  cross join lateral rows from (unnest(b.row_indexes), unnest(b.customer_ids), json_array_elements(b.features), unnest(b.probabilities), unnest(b.risk_bands), unnest(b.contacts))
    as r(row_index, customer_id, features, churn_probability, risk_band, contact));