CREATE TABLE "decks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slides" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"previous" jsonb,
	"share_token" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roi_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"revision" integer NOT NULL,
	"kind" text NOT NULL,
	"threshold" double precision NOT NULL,
	"top_k" integer,
	"inputs" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"reason" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "roi_scenarios" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "decks_share_token_uq" ON "decks" USING btree ("share_token");--> statement-breakpoint
CREATE INDEX "decks_updated_idx" ON "decks" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "roi_policies_model_rev_uq" ON "roi_policies" USING btree ("model_name","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "roi_policies_active_uq" ON "roi_policies" USING btree ("model_name") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "roi_scenarios_name_uq" ON "roi_scenarios" USING btree ("name");