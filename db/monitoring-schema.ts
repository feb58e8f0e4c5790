// Monitoring tables: ground-truth labels, stored reference profiles, computed window results, alert rules and their
// events, webhooks with every delivery attempt, and retraining runs.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Ground truth. A label names the prediction it answers in one of two ways: by customer and the month the customer
 * was scored in (`customer_id` + `month`), or by the request that scored it (`request_id` + `row_index`). Sending the
 * same key again replaces the outcome (idempotent upsert).
 */
export const churnLabels = pgTable(
  'churn_labels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text('customer_id'),
    /** First day of the month the labelled prediction was made in. */
    month: date('month'),
    requestId: text('request_id'),
    rowIndex: integer('row_index'),
    churned: boolean('churned').notNull(),
    source: text('source').$type<'api' | 'csv' | 'demo'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('churn_labels_customer_month_uq').on(t.customerId, t.month).where(sql`customer_id is not null`),
    uniqueIndex('churn_labels_request_row_uq').on(t.requestId, t.rowIndex).where(sql`request_id is not null`),
    index('churn_labels_updated_idx').on(t.updatedAt),
  ],
);

/** A model version's drift baseline, computed once from its training data. */
export const monitoringReferences = pgTable(
  'monitoring_references',
  {
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Where the rows came from, e.g. `customer_snapshots 2025-05..2025-12` or `reference.json`. */
    source: text('source').notNull(),
    rows: integer('rows').notNull(),
    /** Per feature: a ColumnProfile (lib/monitoring/stats) — sorted distinct values with counts, or category counts. */
    profiles: jsonb('profiles').$type<Record<string, unknown>>().notNull(),
    /** The profile of the model's scores on the reference rows (prediction drift). */
    scoreProfile: jsonb('score_profile').$type<Record<string, unknown>>().notNull(),
    /** Performance on the labelled reference (the version's test split): AUC etc., the baseline for decay. */
    performance: jsonb('performance').$type<Record<string, number | null>>().notNull(),
    threshold: doublePrecision('threshold').notNull(),
  },
  (t) => [uniqueIndex('monitoring_references_pk').on(t.modelName, t.modelVersion)],
);

export const WINDOW_KINDS = ['day', 'week', 'month', 'last_n'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** One computed window of the prediction log: what the pages and /api/v1/monitoring/windows read. */
export const monitoringWindows = pgTable(
  'monitoring_windows',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    kind: text('kind').$type<WindowKind>().notNull(),
    start: timestamp('start', { withTimezone: true }).notNull(),
    end: timestamp('end', { withTimezone: true }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    predictions: integer('predictions').notNull(),
    labeled: integer('labeled').notNull(),
    /** DriftReport over the features (per column: method, statistic, p-value, score, threshold, drift, null shares). */
    drift: jsonb('drift').$type<Record<string, unknown>>().notNull(),
    driftShare: doublePrecision('drift_share').notNull(),
    datasetDrift: boolean('dataset_drift').notNull(),
    /** ColumnDrift of the churn score against the reference scores. */
    predictionDrift: jsonb('prediction_drift').$type<Record<string, unknown>>().notNull(),
    meanScore: doublePrecision('mean_score').notNull(),
    /** Realized performance from labels (null until labels arrive). */
    realized: jsonb('realized').$type<Record<string, unknown> | null>(),
    /** CBPE: label-free estimates from the calibrated probabilities. */
    estimated: jsonb('estimated').$type<Record<string, unknown>>().notNull(),
    /** The window's profiles (features and score), kept so a feature page can draw distributions without rescanning. */
    profiles: jsonb('profiles').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('monitoring_windows_key').on(t.modelName, t.modelVersion, t.kind, t.start), index('monitoring_windows_start_idx').on(t.start)],
);

export const ALERT_METRICS = [
  'dataset_drift_share', 'feature_drift_score', 'prediction_drift_score', 'null_share', 'null_share_change', 'volume',
  'realized_auc', 'realized_auc_drop', 'estimated_auc', 'estimated_auc_drop', 'realized_precision', 'realized_recall', 'mean_score',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export const COMPARISONS = ['gt', 'gte', 'lt', 'lte'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule over the stored windows; `retrain` makes it a retraining policy. */
export const alertRules = pgTable('alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  metric: text('metric').$type<AlertMetric>().notNull(),
  /** The feature for per-feature metrics (feature_drift_score, null_share, null_share_change). */
  feature: text('feature'),
  comparison: text('comparison').$type<Comparison>().notNull(),
  threshold: doublePrecision('threshold').notNull(),
  /** Fire when this many consecutive windows breach. */
  consecutive: integer('consecutive').notNull().default(1),
  windowKind: text('window_kind').$type<WindowKind>().notNull().default('month'),
  severity: text('severity').$type<Severity>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** Retraining policy: a firing starts a retraining job that registers a challenger. */
  retrain: boolean('retrain').notNull().default(false),
  /** Only with retrain: promote the challenger if it passes the same checks as a manual promotion. */
  autoPromote: boolean('auto_promote').notNull().default(false),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id').notNull().references(() => alertRules.id, { onDelete: 'cascade' }),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    /** The window that completed the streak. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowKind: text('window_kind').$type<WindowKind>().notNull(),
    value: doublePrecision('value'),
    severity: text('severity').$type<Severity>().notNull(),
    status: text('status').$type<AlertStatus>().notNull().default('open'),
    message: text('message').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('alert_events_rule_window_uq').on(t.ruleId, t.modelName, t.modelVersion, t.windowStart), index('alert_events_status_idx').on(t.status)],
);

export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** HMAC-SHA256 key for the signature header. */
  secret: text('secret').notNull(),
  minSeverity: text('min_severity').$type<Severity>().notNull().default('warning'),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One notification to one webhook; attempts are kept so a failing receiver is visible and nothing is lost. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

export const webhookAttempts = pgTable('webhook_attempts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  statusCode: integer('status_code'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
});

export const RETRAIN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RetrainStatus = (typeof RETRAIN_STATUSES)[number];

/** A retraining started by a policy (or by hand): what it trained on, what it produced and how it compared. */
export const retrainingRuns = pgTable('retraining_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  ruleId: uuid('rule_id').references(() => alertRules.id, { onDelete: 'set null' }),
  alertEventId: uuid('alert_event_id').references(() => alertEvents.id, { onDelete: 'set null' }),
  status: text('status').$type<RetrainStatus>().notNull().default('queued'),
  reason: text('reason').notNull(),
  modelName: text('model_name').notNull(),
  baseVersion: integer('base_version').notNull(),
  newVersion: integer('new_version'),
  runId: text('run_id'),
  /** Months / rows trained on. */
  data: jsonb('data').$type<Record<string, unknown>>(),
  /** Champion vs challenger on the newest labelled window. */
  comparison: jsonb('comparison').$type<Record<string, unknown>>(),
  autoPromote: boolean('auto_promote').notNull().default(false),
  promoted: boolean('promoted').notNull().default(false),
  progress: doublePrecision('progress').notNull().default(0),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** Where incremental monitoring got to: the last prediction batch and label change already folded into windows. */
export const monitoringState = pgTable('monitoring_state', {
  key: text('key').primaryKey(),
  lastBatchId: bigint('last_batch_id', { mode: 'number' }).notNull().default(0),
  lastLabelAt: timestamp('last_label_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ChurnLabel = typeof churnLabels.$inferSelect;
export type MonitoringWindow = typeof monitoringWindows.$inferSelect;
export type MonitoringReference = typeof monitoringReferences.$inferSelect;
export type AlertRule = typeof alertRules.$inferSelect;
export type AlertEvent = typeof alertEvents.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type RetrainingRun = typeof retrainingRuns.$inferSelect;
