-- MLflow clients log to experiment "0" ("Default") when none is set; it must exist from the start.
INSERT INTO "experiments" ("experiment_id", "name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time")
OVERRIDING SYSTEM VALUE
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', (extract(epoch from now()) * 1000)::bigint, (extract(epoch from now()) * 1000)::bigint)
ON CONFLICT DO NOTHING;
