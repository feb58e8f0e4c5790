CREATE TABLE "metric_rollups" (
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"block_size" integer NOT NULL,
	"block" bigint NOT NULL,
	"min" double precision,
	"max" double precision,
	"count" integer NOT NULL,
	"last_step" bigint NOT NULL,
	"last_timestamp" bigint NOT NULL,
	"last_value" double precision NOT NULL,
	CONSTRAINT "metric_rollups_run_id_key_block_size_block_pk" PRIMARY KEY("run_id","key","block_size","block")
);
--> statement-breakpoint
ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_run_id_runs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("run_id") ON DELETE cascade ON UPDATE no action;