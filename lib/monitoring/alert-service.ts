// Alert rules and events as the routes and the monitoring jobs use them: rule CRUD (checked against the served
// model's features), evaluation of every enabled rule over the stored windows, and the event workflow
// (open → acknowledged → resolved, who and when recorded).
import type { Db } from '@/db/client';
import {
  acknowledgeAlertEvent,
  deleteAlertRule,
  findAlertEvent,
  findAlertRule,
  findReferenceForAlerts,
  insertAlertEvent,
  insertAlertRule,
  lastEventStarts,
  listAlertRules,
  listWindowsForAlerts,
  newestWindowForAlerts,
  resolveAlertEvent,
  updateAlertRule,
  type AlertEventRow,
} from '@/db/queries/alerts';
import type { AlertEvent, AlertRule, WindowKind } from '@/db/monitoring-schema';
import { ApiError } from '@/lib/api/errors';
import { FEATURE_NAMES } from '@/lib/data/features';
import { getAlias } from '@/db/queries/registry';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import { getServedModel, NoServedModelError } from '@/lib/serving/served-model';
import { directionWarning, driftTests, isPerFeature, type DriftTest } from './alert-metrics';
import { ruleIssues, type CreateRuleInput, type UpdateRuleInput } from './alert-schema';
import { evaluateRule } from './alerts';
import { alertPayload } from './webhook';
import { kickWebhookDispatcher } from './webhook-dispatcher';
import { enqueueNotifications } from './webhook-service';

/**
 * The served model's feature names (the feature dictionary when nothing is served yet — checked first, so asking
 * never triggers the first-use registration of the shipped model).
 */
export async function modelFeatureNames(db: Db, modelName: string = CHURN_MODEL): Promise<string[]> {
  if ((await getAlias({ db, name: modelName, alias: SERVED_ALIAS })) === null) return [...FEATURE_NAMES];
  try {
    return (await getServedModel(db, modelName)).manifest.features.map((f) => f.name);
  } catch (e) {
    if (e instanceof NoServedModelError) return [...FEATURE_NAMES];
    throw e;
  }
}

export type DriftTests = ReturnType<typeof driftTests>;

/** How the served version's newest window tests each feature and the score (empty before any window exists). */
export async function servedDriftTests(db: Db, modelName: string = CHURN_MODEL): Promise<DriftTests> {
  const version = await getAlias({ db, name: modelName, alias: SERVED_ALIAS });
  return driftTests(version === null ? null : await newestWindowForAlerts({ db, modelName, modelVersion: version }));
}

/** The warning for a drift-score rule that points the wrong way for its column's test (see directionWarning). */
export function ruleWarning(rule: Pick<AlertRule, 'metric' | 'feature' | 'comparison'>, tests: DriftTests): string | null {
  const test: DriftTest | null | undefined = rule.metric === 'prediction_drift_score' ? tests.prediction : rule.feature ? tests.features[rule.feature] : null;
  return directionWarning(rule, test);
}

/** 422 naming the field when the rule's fields disagree; the model's features are read only for a named feature. */
async function check(db: Db, rule: Parameters<typeof ruleIssues>[0]): Promise<void> {
  const issues = ruleIssues(rule, rule.feature ? await modelFeatureNames(db) : []);
  if (issues.length) throw new ApiError('validation_failed', `Invalid body: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
}

export async function createRule({ db, input, createdBy }: { db: Db; input: CreateRuleInput; createdBy: string | null }): Promise<AlertRule> {
  await check(db, input);
  return insertAlertRule({
    db,
    rule: {
      name: input.name,
      metric: input.metric,
      feature: input.feature ?? null,
      comparison: input.comparison,
      threshold: input.threshold,
      consecutive: input.consecutive,
      windowKind: input.window_kind,
      severity: input.severity,
      enabled: input.enabled,
      retrain: input.retrain,
      autoPromote: input.auto_promote,
      createdBy,
    },
  });
}

export async function getRule({ db, id }: { db: Db; id: string }): Promise<AlertRule> {
  const rule = await findAlertRule({ db, id });
  if (!rule) throw new ApiError('not_found', `There is no alert rule ${id}`);
  return rule;
}

/** Applies the changes and checks the rule they produce; returns the rule before and after. */
export async function updateRule({ db, id, input }: { db: Db; id: string; input: UpdateRuleInput }): Promise<{ before: AlertRule; after: AlertRule }> {
  const before = await getRule({ db, id });
  const metric = input.metric ?? before.metric;
  // Moving to a metric that is not per feature drops the feature, unless the request names one.
  const feature = input.feature !== undefined ? input.feature : isPerFeature(metric) ? before.feature : null;
  const retrain = input.retrain ?? before.retrain;
  // Switching retraining off switches auto-promotion off with it.
  const autoPromote = input.auto_promote ?? (retrain ? before.autoPromote : false);
  await check(db, { metric, feature, retrain, auto_promote: autoPromote });
  const after = await updateAlertRule({
    db,
    id,
    changes: {
      name: input.name,
      metric,
      feature,
      comparison: input.comparison,
      threshold: input.threshold,
      consecutive: input.consecutive,
      windowKind: input.window_kind,
      severity: input.severity,
      enabled: input.enabled,
      retrain,
      autoPromote,
    },
  });
  if (!after) throw new ApiError('not_found', `There is no alert rule ${id}`);
  return { before, after };
}

export async function removeRule({ db, id }: { db: Db; id: string }): Promise<AlertRule> {
  const rule = await deleteAlertRule({ db, id });
  if (!rule) throw new ApiError('not_found', `There is no alert rule ${id}`);
  return rule;
}

export interface EvaluateArgs {
  db: Db;
  modelName: string;
  modelVersion: number;
  /** Only rules over these window kinds (default: all). */
  kinds?: readonly WindowKind[];
  /** Called once per new event after it (and its webhook deliveries) committed, e.g. to start a retraining for rules with retrain=true. Errors are logged, never thrown. */
  onFired?: (event: AlertEvent, rule: AlertRule) => Promise<void>;
}

/**
 * Evaluates every enabled rule over the version's stored windows, opens the events that are due (at most one per
 * streak; see lib/monitoring/alerts.ts) and queues their webhook notifications in the same transaction. Returns the
 * new events. Safe to call again: an event that exists is not opened twice.
 */
export async function evaluateAlerts({ db, modelName, modelVersion, kinds, onFired }: EvaluateArgs): Promise<AlertEvent[]> {
  const rules = (await listAlertRules({ db, enabledOnly: true })).filter((r) => !kinds || kinds.includes(r.windowKind));
  if (!rules.length) return [];
  const [reference, fired] = await Promise.all([findReferenceForAlerts({ db, modelName, modelVersion }), lastEventStarts({ db, modelName, modelVersion })]);
  const windowsByKind = new Map<WindowKind, Awaited<ReturnType<typeof listWindowsForAlerts>>>();
  for (const kind of new Set(rules.map((r) => r.windowKind))) windowsByKind.set(kind, await listWindowsForAlerts({ db, modelName, modelVersion, kind }));

  const opened: { event: AlertEvent; rule: AlertRule }[] = [];
  for (const rule of rules) {
    const result = evaluateRule(rule, windowsByKind.get(rule.windowKind) ?? [], reference ?? null, { lastEventStart: fired.get(`${rule.id}:${rule.windowKind}`) ?? null });
    for (const f of result.firings) {
      const event = await db.transaction(async (tx) => {
        const row = await insertAlertEvent({
          tx,
          event: { ruleId: rule.id, modelName, modelVersion, windowStart: f.streakEnd.start, windowKind: rule.windowKind, value: f.value, severity: rule.severity, message: f.message },
        });
        if (row) await enqueueNotifications({ db, tx, severity: row.severity, build: () => alertPayload(row, rule) });
        return row;
      });
      if (event) opened.push({ event, rule });
    }
  }
  if (opened.length) kickWebhookDispatcher();
  for (const { event, rule } of opened) {
    if (!onFired) break;
    try {
      await onFired(event, rule);
    } catch (e) {
      console.error(`[alerts] the follow-up of alert ${event.id} (rule ${rule.name}) failed:`, e instanceof Error ? e.message : e);
    }
  }
  return opened.map((o) => o.event);
}

async function eventOr404(db: Db, id: string): Promise<AlertEventRow> {
  const event = await findAlertEvent({ db, id });
  if (!event) throw new ApiError('not_found', `There is no alert ${id}`);
  return event;
}

export async function acknowledgeAlert({ db, id, by }: { db: Db; id: string; by: string }): Promise<AlertEventRow> {
  const updated = await acknowledgeAlertEvent({ db, id, by });
  const event = await eventOr404(db, id);
  if (!updated) throw new ApiError('conflict', `This alert is already ${event.status}${event.status === 'resolved' ? '' : ` (by ${event.acknowledgedBy})`}`);
  return event;
}

export async function resolveAlert({ db, id, by }: { db: Db; id: string; by: string }): Promise<AlertEventRow> {
  const updated = await resolveAlertEvent({ db, id, by });
  const event = await eventOr404(db, id);
  if (!updated) throw new ApiError('conflict', `This alert was already resolved by ${event.resolvedBy ?? 'someone'}`);
  return event;
}
