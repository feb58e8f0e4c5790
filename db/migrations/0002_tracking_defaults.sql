-- MLflow clients log to experiment "0" ("Default") when none is set; it must exist from the start.
INSERT INTO "experiments" ("experiment_id", "name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time")
OVERRIDING SYSTEM VALUE
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', (extract(epoch from now()) * 1000)::bigint, (extract(epoch from now()) * 1000)::bigint)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Params and tags are key/value rows: without statistics on the pair the planner guesses how many runs match
-- `params.model = 'xgb'` from key and value separately (often 10x off) and picks a slow plan for search.
CREATE STATISTICS IF NOT EXISTS "params_key_value_stats" (mcv) ON "key", "value" FROM "params";
--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "run_tags_key_value_stats" (mcv) ON "key", "value" FROM "run_tags";
