// Starting a retraining: a retraining policy (an alert rule with `retrain`) that fires, or a person. Either way one
// retraining_runs row is queued and its job enqueued in the same transaction — unless one is already queued or
// running for the model. A policy additionally waits out a cooldown after the last run finished (default 24 h: a
// drifting month keeps firing its alert on every evaluation, and a month's labels change little within a day), so a
// firing alert does not retrain over and over; a person may always start one when none is running.
import type { Db } from '@/db/client';
import { getAlias } from '@/db/queries/registry';
import { insertRetrainingRunIfIdle, type StartBlock } from '@/db/queries/retraining-runs';
import type { AlertEvent, AlertRule, RetrainingRun } from '@/db/schema';
import { retrainEnqueuer, type Enqueue } from '@/lib/batch/queue';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import type { RetrainingData } from './retrain';

export const RETRAIN_COOLDOWN_MS = 24 * 3600 * 1000;

export type StartResult =
  | { started: true; run: RetrainingRun }
  | { started: false; reason: StartBlock['reason']; existing: RetrainingRun; message: string }
  | { started: false; reason: 'not_a_policy' | 'no_champion'; existing?: undefined; message: string };

function blocked(b: StartBlock, cooldownMs: number): StartResult {
  const e = b.existing;
  const message =
    b.reason === 'busy'
      ? `A retraining of ${e.modelName} is already ${e.status} (run ${e.id}).`
      : `A retraining of ${e.modelName} finished at ${e.finishedAt?.toISOString()} (run ${e.id}); policies wait ${Math.round(cooldownMs / 3600_000)} h between runs.`;
  return { started: false, reason: b.reason, existing: e, message };
}

async function start(args: {
  db: Db;
  modelName: string;
  reason: string;
  data: RetrainingData;
  ruleId: string | null;
  alertEventId: string | null;
  autoPromote: boolean;
  cooldownMs: number;
  enqueue?: Enqueue;
}): Promise<StartResult> {
  const { db } = args;
  const base = await getAlias({ db, name: args.modelName, alias: SERVED_ALIAS });
  if (base === null) return { started: false, reason: 'no_champion', message: `${args.modelName} has no @${SERVED_ALIAS} to retrain.` };
  // The queue starts outside the transaction: on PGlite anything else awaited inside it would wait forever.
  const enqueue = args.enqueue ?? (await retrainEnqueuer());
  const out = await insertRetrainingRunIfIdle({
    db,
    cooldownMs: args.cooldownMs,
    enqueue,
    run: {
      modelName: args.modelName,
      baseVersion: base,
      reason: args.reason,
      ruleId: args.ruleId,
      alertEventId: args.alertEventId,
      autoPromote: args.autoPromote,
      data: args.data as Record<string, unknown>,
    },
  });
  return 'run' in out ? { started: true, run: out.run } : blocked(out, args.cooldownMs);
}

/**
 * A fired alert of a retraining policy: queue a retraining of the alert's model (see the cooldown above). Call it
 * after the alert event is committed and outside any transaction — it opens its own, and on PGlite a query awaited
 * inside someone else's transaction waits forever. Returns what it did; never throws for a blocked start.
 */
export async function startRetrainingForEvent({
  db,
  event,
  rule,
  cooldownMs = RETRAIN_COOLDOWN_MS,
  enqueue,
}: {
  db: Db;
  event: Pick<AlertEvent, 'id' | 'modelName' | 'modelVersion' | 'message'>;
  rule: Pick<AlertRule, 'id' | 'name' | 'retrain' | 'autoPromote'>;
  cooldownMs?: number;
  enqueue?: Enqueue;
}): Promise<StartResult> {
  if (!rule.retrain) return { started: false, reason: 'not_a_policy', message: `Rule "${rule.name}" is not a retraining policy.` };
  return start({
    db,
    modelName: event.modelName,
    reason: `Policy "${rule.name}" fired on v${event.modelVersion}: ${event.message}`.slice(0, 2000),
    data: { trigger: 'policy', rule: { id: rule.id, name: rule.name }, requested_by: null },
    ruleId: rule.id,
    alertEventId: event.id,
    autoPromote: rule.autoPromote,
    cooldownMs,
    enqueue,
  });
}

/** A person's "Retrain now": no cooldown, never auto-promoted (the person decides after reading the comparison). */
export async function startManualRetraining({ db, reason, requestedBy, modelName = CHURN_MODEL, enqueue }: { db: Db; reason: string; requestedBy: string | null; modelName?: string; enqueue?: Enqueue }): Promise<StartResult> {
  return start({
    db,
    modelName,
    reason,
    data: { trigger: 'manual', rule: null, requested_by: requestedBy },
    ruleId: null,
    alertEventId: null,
    autoPromote: false,
    cooldownMs: 0,
    enqueue,
  });
}
