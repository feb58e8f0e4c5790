// Experiment tracking and model registry tables, modelled on MLflow's SQL store with the lessons from its issues:
// every foreign key that is queried has an index, metric points are append-only with a narrow index on
// (run_id, key, step), and the latest value per metric is kept in its own table, updated in the same transaction,
// so search filters and sorts never touch the history.
import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const experiments = pgTable(
  'experiments',
  {
    // MLflow ids are decimal strings; '0' is the Default experiment (created by the migration).
    experimentId: bigint('experiment_id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: 1 }),
    name: text('name').notNull(),
    artifactLocation: text('artifact_location').notNull(),
    lifecycleStage: text('lifecycle_stage').notNull().default('active'),
    creationTime: bigint('creation_time', { mode: 'number' }).notNull(),
    lastUpdateTime: bigint('last_update_time', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('experiments_name_idx').on(t.name)],
);

export const experimentTags = pgTable(
  'experiment_tags',
  {
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.experimentId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.key] })],
);

export const runs = pgTable(
  'runs',
  {
    runId: text('run_id').primaryKey(),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.experimentId, { onDelete: 'cascade' }),
    runName: text('run_name').notNull(),
    userId: text('user_id').notNull().default(''),
    status: text('status').notNull(),
    startTime: bigint('start_time', { mode: 'number' }).notNull(),
    endTime: bigint('end_time', { mode: 'number' }),
    lifecycleStage: text('lifecycle_stage').notNull().default('active'),
    artifactUri: text('artifact_uri').notNull(),
    /** Copied from the `mlflow.parentRunId` tag so a sweep's children are one indexed lookup. */
    parentRunId: text('parent_run_id'),
    deletedTime: bigint('deleted_time', { mode: 'number' }),
  },
  (t) => [
    // The default search order (start_time DESC) within an experiment.
    index('runs_experiment_start_idx').on(t.experimentId, t.startTime),
    index('runs_parent_idx').on(t.parentRunId),
  ],
);

export const params = pgTable(
  'params',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  // (key, value prefix) serves `params.x = 'y'` filters across runs; only a prefix, because a b-tree row cannot hold
  // MLflow's longest values (6,000 characters).
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index('params_key_value_idx').on(t.key, sql`left(${t.value}, 200)`, t.runId)],
);

export const runTags = pgTable(
  'run_tags',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index('run_tags_key_value_idx').on(t.key, sql`left(${t.value}, 200)`, t.runId)],
);

/** Every logged point, append-only. NaN and ±Infinity are stored as such (float8 holds them). */
export const metricPoints = pgTable(
  'metric_points',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    step: bigint('step', { mode: 'number' }).notNull().default(0),
  },
  // History reads are always one run and one key, in step order.
  (t) => [index('metric_points_run_key_step_idx').on(t.runId, t.key, t.step)],
);

/**
 * Pre-aggregated blocks of each metric history (blocks of 100 and of 10,000 steps: min, max, count and last point),
 * kept up to date by every write, so a chart of a million-point history reads a few thousand rows, not a million.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    blockSize: integer('block_size').notNull(),
    block: bigint('block', { mode: 'number' }).notNull(),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    count: integer('count').notNull(),
    lastStep: bigint('last_step', { mode: 'number' }).notNull(),
    lastTimestamp: bigint('last_timestamp', { mode: 'number' }).notNull(),
    lastValue: doublePrecision('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key, t.blockSize, t.block] })],
);

/** The newest point per (run, key) by MLflow's rule: greatest (step, timestamp, value). */
export const latestMetrics = pgTable(
  'latest_metrics',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
  },
  // (key, value, run_id) serves `metrics.auc > 0.8` filters and `ORDER BY metrics.auc` from the index alone.
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index('latest_metrics_key_value_idx').on(t.key, t.value, t.runId)],
);

export const runInputs = pgTable(
  'run_inputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.runId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    digest: text('digest').notNull(),
    /** The dataset as the client sent it: {name, digest, source_type, source, schema?, profile?}. */
    dataset: jsonb('dataset').$type<Record<string, unknown>>().notNull(),
    tags: jsonb('tags').$type<{ key: string; value: string }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.runId, t.name, t.digest] })],
);

export const registeredModels = pgTable('registered_models', {
  name: text('name').primaryKey(),
  creationTimestamp: bigint('creation_timestamp', { mode: 'number' }).notNull(),
  lastUpdatedTimestamp: bigint('last_updated_timestamp', { mode: 'number' }).notNull(),
  description: text('description').notNull().default(''),
  userId: text('user_id').notNull().default(''),
});

export const registeredModelTags = pgTable(
  'registered_model_tags',
  {
    name: text('name')
      .notNull()
      .references(() => registeredModels.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.key] })],
);

export const modelVersions = pgTable(
  'model_versions',
  {
    name: text('name')
      .notNull()
      .references(() => registeredModels.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
    version: integer('version').notNull(),
    creationTimestamp: bigint('creation_timestamp', { mode: 'number' }).notNull(),
    lastUpdatedTimestamp: bigint('last_updated_timestamp', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull().default(''),
    currentStage: text('current_stage').notNull().default('None'),
    description: text('description').notNull().default(''),
    source: text('source').notNull(),
    runId: text('run_id'),
    runLink: text('run_link').notNull().default(''),
    status: text('status').notNull().default('READY'),
    statusMessage: text('status_message').notNull().default(''),
  },
  // Versions of a run are listed on the run page.
  (t) => [primaryKey({ columns: [t.name, t.version] }), index('model_versions_run_idx').on(t.runId)],
);

export const modelVersionTags = pgTable(
  'model_version_tags',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version, t.key] })],
);

export const modelAliases = pgTable(
  'registered_model_aliases',
  {
    name: text('name')
      .notNull()
      .references(() => registeredModels.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
    alias: text('alias').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.alias] })],
);

export type ExperimentRow = typeof experiments.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type RegisteredModelRow = typeof registeredModels.$inferSelect;
export type ModelVersionRow = typeof modelVersions.$inferSelect;
