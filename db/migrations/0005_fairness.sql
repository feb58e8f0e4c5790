CREATE TABLE "fairness_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"revision" integer NOT NULL,
	"model_version" integer NOT NULL,
	"criterion" text NOT NULL,
	"convention" text NOT NULL,
	"reference" jsonb,
	"tolerance" jsonb NOT NULL,
	"attributes" jsonb NOT NULL,
	"min_group_size" integer NOT NULL,
	"intervention" text NOT NULL,
	"rationale" text NOT NULL,
	"rejected" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fairness_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"attribute" text NOT NULL,
	"thresholds" jsonb NOT NULL,
	"default_threshold" double precision NOT NULL,
	"criterion" text NOT NULL,
	"objective" text NOT NULL,
	"tolerance" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "fairness_decisions_model_rev_uq" ON "fairness_decisions" USING btree ("model_name","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "fairness_policies_active_uq" ON "fairness_policies" USING btree ("model_name","model_version") WHERE active;--> statement-breakpoint
CREATE INDEX "fairness_policies_model_idx" ON "fairness_policies" USING btree ("model_name","model_version");