// Serving tables: the durable prediction log (every scored row, from every source) and batch-scoring jobs.
import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, json, jsonb, pgTable, pgView, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const PREDICTION_SOURCES = ['api', 'v2', 'form', 'batch'] as const;
export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

/**
 * The prediction log, stored by request: one row per request (or per batch-job chunk) holding its scored rows as
 * arrays. A 10,000-row request is one tuple instead of 10,000 (each with its index entries), which is what lets
 * logging keep up with batch scoring; a single-row request costs the same as a row table would. Readers use the
 * `prediction_log` view below, which has one row per scored customer record.
 */
export const predictionBatches = pgTable(
  'prediction_batches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The request's id (x-request-id), or the batch job's id; with row_index it names the row. */
    requestId: text('request_id').notNull(),
    source: text('source').$type<PredictionSource>().notNull(),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    /** Time from the request's arrival to its scores, in milliseconds (a batch job: the chunk's time per row). */
    latencyMs: real('latency_ms').notNull(),
    /** Who asked: a user's e-mail or `key:<name>`. */
    caller: text('caller'),
    n: integer('n').notNull(),
    rowIndexes: integer('row_indexes').array().notNull(),
    customerIds: text('customer_ids').array().notNull(),
    /** The feature names, once per tuple; `features` holds each row's values in this order. */
    featureNames: text('feature_names').array().notNull(),
    /**
     * The records as sent (customer_id excluded): one JSON array of value arrays, row by row ([[3, "basic", …], …]).
     * Keys are not repeated per row, which makes a 10,000-row request's log ~4x smaller and cheaper to write.
     */
    features: json('features').$type<unknown[][]>().notNull(),
    probabilities: doublePrecision('probabilities').array().notNull(),
    riskBands: text('risk_bands').array().notNull(),
    contacts: boolean('contacts').array().notNull(),
  },
  (t) => [index('prediction_batches_at_idx').on(t.at), index('prediction_batches_request_idx').on(t.requestId), index('prediction_batches_model_at_idx').on(t.modelName, t.modelVersion, t.at)],
);

/** One row per scored customer record: what monitoring, labels and the reliability checks read. */
export const predictionLog = pgView('prediction_log', {
  batchId: bigint('batch_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  requestId: text('request_id').notNull(),
  rowIndex: integer('row_index').notNull(),
  source: text('source').$type<PredictionSource>().notNull(),
  modelName: text('model_name').notNull(),
  modelVersion: integer('model_version').notNull(),
  customerId: text('customer_id'),
  features: jsonb('features').$type<Record<string, unknown>>().notNull(),
  churnProbability: doublePrecision('churn_probability').notNull(),
  riskBand: text('risk_band').notNull(),
  contact: boolean('contact').notNull(),
  threshold: doublePrecision('threshold').notNull(),
  latencyMs: real('latency_ms').notNull(),
  caller: text('caller'),
}).as(sql`select b.id as batch_id, b.at, b.request_id, r.row_index, b.source, b.model_name, b.model_version, r.customer_id,
  (select coalesce(jsonb_object_agg(z.name, z.value), '{}'::jsonb) from rows from (unnest(b.feature_names), json_array_elements(r.features)) as z(name, value)) as features,
  r.churn_probability, r.risk_band, r.contact, b.threshold, b.latency_ms, b.caller
  from prediction_batches b
  cross join lateral rows from (unnest(b.row_indexes), unnest(b.customer_ids), json_array_elements(b.features), unnest(b.probabilities), unnest(b.risk_bands), unnest(b.contacts))
    as r(row_index, customer_id, features, churn_probability, risk_band, contact)`);

export const BATCH_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type BatchJobStatus = (typeof BATCH_JOB_STATUSES)[number];

/** A CSV scoring job: its input and result files live under ARTIFACT_ROOT; progress is written as chunks finish. */
export const batchJobs = pgTable(
  'batch_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status').$type<BatchJobStatus>().notNull().default('queued'),
    fileName: text('file_name').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version'),
    totalRows: integer('total_rows'),
    rowsDone: integer('rows_done').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    /** Job-specific state (e.g. the byte offset and row of the last finished chunk) so a restarted job resumes. */
    checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
  },
  (t) => [index('batch_jobs_created_at_idx').on(t.createdAt)],
);

export type PredictionLogRow = typeof predictionLog.$inferSelect;
export type BatchJob = typeof batchJobs.$inferSelect;
