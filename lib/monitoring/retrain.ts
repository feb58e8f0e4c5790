// Retraining: when a retraining policy fires (or someone asks), train the champion's exact configuration again on
// the most recent labelled production data, log the run to the tracking store, register the result as
// `@challenger`, and compare it with the champion on the newest labelled month. The champion stays where it is —
// promotion is a person's decision — unless the policy allows auto-promotion and the challenger has the better AUC
// on that month; even then it is promoted through promoteVersion, the function behind the registry page's button.
//
// The job runs in the process that owns the database (pg-boss queue `monitoring-retrain`, lib/batch/queue.ts): it
// reads the labelled months, hands plain arrays to the training worker threads (lib/ml/pipeline/pool.ts) and does
// all writes itself. It never throws: the outcome (or the error, in one sentence) is stored on the retraining_runs row.
import { getDb, type Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getAlias } from '@/db/queries/registry';
import { loggedMonths, readLabelledMonth, type LabelledMonth } from '@/db/queries/retrain-data';
import { claimRetrainingRun, findRetrainingRun, finishRetrainingRun, updateRetrainingRun } from '@/db/queries/retraining-runs';
import type { RetrainingRun } from '@/db/schema';
import { createApiKey, revokeKey } from '@/lib/auth/admin';
import { env } from '@/lib/env';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import { datasetFromRecords, featureRecord, type DatasetRecord } from '@/lib/ml/pipeline/dataset';
import type { PoolOptions } from '@/lib/ml/pipeline/pool';
import { entryFromParams, paramsOf, type SweepEntry } from '@/lib/ml/pipeline/sweep';
import { trainAndRegister } from '@/lib/ml/pipeline/train';
import { readModelBundle } from '@/lib/serving/served-model';
import { mlflowClient, type MlflowClient } from '@/lib/tracking/client';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { ApiError } from '@/lib/api/errors';
import { promoteVersion } from '@/lib/tracking/registry-service';
import { aliasBody } from '@/lib/tracking/schema';
import { compareOnWindow, type RetrainComparison } from './retrain-compare';
import { MAX_TRAIN_MONTHS, planRetraining, type PlanOptions, type RetrainingPlan } from './retrain-plan';

export { MAX_TRAIN_MONTHS, MIN_LABELLED_MONTHS, MIN_MONTH_COVERAGE, MIN_MONTH_ROWS, planRetraining, type PlanOptions, type PlanResult, type RetrainingPlan } from './retrain-plan';

export interface RetrainingFinished {
  run_id: string;
  status: 'succeeded' | 'failed';
  model: string;
  base_version: number;
  new_version: number | null;
  promoted: boolean;
  reason: string;
  comparison: RetrainComparison | null;
  error: string | null;
}

/** Where a finished retraining is announced (the webhooks plug in here); failures to notify are logged, not fatal. */
export type RetrainingNotifier = (event: 'retraining.finished', data: RetrainingFinished) => Promise<void>;

export interface RunRetrainingOptions {
  db: Db;
  runRowId: string;
  /** An MLflow client for the tracking store; default: in-process, with a short-lived `tracking` key. */
  client?: MlflowClient;
  /** How to start a training thread (tsx scripts pass spawnTsxWorker); default: the bundled TypeScript worker. */
  spawn?: PoolOptions['spawn'];
  /** Train on the calling thread (tests). */
  inline?: boolean;
  notify?: RetrainingNotifier;
  plan?: PlanOptions;
  /** Tests only — refused unless NODE_ENV is `test`: cap boosting rounds so a test trains in seconds. */
  testOverrides?: { maxIter?: number };
}

/** What `data` on a retraining_runs row holds once the data is read (the trigger fields are written when queued). */
export interface RetrainingData {
  trigger?: 'policy' | 'manual';
  rule?: { id: string; name: string } | null;
  requested_by?: string | null;
  months?: { train: string[]; valid: string; test: string };
  rows?: { train: number; valid: number; test: number };
  positives?: { train: number; valid: number; test: number };
  skipped_months?: { month: string; reason: string }[];
  candidate?: string;
  params?: Record<string, string | number>;
  parent_run_id?: string;
  trees?: number;
  metrics?: { valid_auc: number; test_auc: number; threshold: number };
  promotion?: { policy_allows: boolean; promoted: boolean; note: string };
  /** Seconds spent reading the labelled months, training + logging + registering, and comparing. */
  seconds?: { read: number; train: number; compare: number };
}

class RetrainError extends Error {}

/**
 * Reads labelled months newest first — each month once, its counts and rows together — and stops as soon as the
 * plan has its full training window, so an old log is never read further back than needed.
 */
async function readPlannedMonths(db: Db, name: string, planOpts: PlanOptions | undefined, onProgress: (share: number) => void): Promise<{ plan: RetrainingPlan; byMonth: Map<string, DatasetRecord[]> }> {
  const maxTrain = planOpts?.maxTrainMonths ?? MAX_TRAIN_MONTHS;
  const counted: LabelledMonth[] = [];
  const byMonth = new Map<string, DatasetRecord[]>();
  const months = await loggedMonths({ db, modelName: name });
  for (const [k, month] of months.entries()) {
    const { records, ...counts } = await readLabelledMonth({ db, modelName: name, month });
    onProgress(Math.min(1, (k + 1) / Math.min(months.length, maxTrain + 2)));
    if (counts.rows === 0) continue;
    counted.push(counts);
    byMonth.set(month, records);
    const p = planRetraining(counted, planOpts);
    if (p.ok && p.plan.train.length >= maxTrain) break;
  }
  const planned = planRetraining(counted, planOpts);
  if (!planned.ok) throw new RetrainError(planned.reason);
  // Drop what the plan does not use (skipped months) before the dataset is built.
  const used = new Set([...planned.plan.train, planned.plan.valid, planned.plan.test]);
  for (const m of [...byMonth.keys()]) if (!used.has(m)) byMonth.delete(m);
  return { plan: planned.plan, byMonth };
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 1000);

/** Progress writes, at most about once a second; each waits for the one before (PGlite has one connection). */
function progressWriter(db: Db, id: string) {
  let chain: Promise<void> = Promise.resolve();
  let lastAt = 0;
  let last = -1;
  return {
    set(p: number) {
      const now = Date.now();
      if (now - lastAt < 1000 && p - last < 0.1) return;
      lastAt = now;
      last = p;
      const value = Math.min(1, Math.max(0, p));
      chain = chain.then(() => updateRetrainingRun({ db, id, patch: { progress: value } })).catch(() => {});
    },
    flush: () => chain,
  };
}

const sum = (y: Uint8Array) => y.reduce((s, v) => s + v, 0);

/** Runs one queued retraining to the end. Returns the row as left (undefined only if the database failed too). */
export async function runRetraining(opts: RunRetrainingOptions): Promise<RetrainingRun | undefined> {
  const { db, runRowId: id } = opts;
  let row: RetrainingRun | undefined;
  try {
    row = await claimRetrainingRun({ db, id });
    if (!row) return await findRetrainingRun({ db, id });
  } catch (e) {
    console.error(`[retrain] ${id}: cannot claim the run:`, firstLine(e));
    return undefined;
  }
  const progress = progressWriter(db, id);
  let data: RetrainingData = { ...((row.data ?? {}) as RetrainingData) };
  let baseVersion = row.baseVersion;
  let newVersion: number | null = null;
  let comparison: RetrainComparison | null = null;
  let promoted = false;
  let revoke: (() => Promise<void>) | null = null;
  let result: RetrainingRun | undefined;
  try {
    if (opts.testOverrides && env().NODE_ENV !== 'test') throw new RetrainError('test overrides are refused outside tests');
    const name = row.modelName;
    if (name !== CHURN_MODEL) throw new RetrainError(`only ${CHURN_MODEL} is trained by the product; ${name} cannot be retrained here`);

    // The champion now (it may have moved since the run was queued) and the configuration it was trained with.
    const champion = await getAlias({ db, name, alias: SERVED_ALIAS });
    if (champion === null) throw new RetrainError(`${name} has no @${SERVED_ALIAS}, so there is no configuration to retrain`);
    baseVersion = champion;
    const { manifest } = await readModelBundle(db, name, champion);
    if (!manifest.training) throw new RetrainError(`${name} v${champion} records no training configuration (an imported model?), so it cannot be retrained here`);
    let entry: SweepEntry = entryFromParams(manifest.training.params, manifest.training.seed);
    if (opts.testOverrides?.maxIter && entry.config.kind === 'gbt') {
      entry = { ...entry, config: { kind: 'gbt', params: { ...entry.config.params, maxIter: Math.min(entry.config.params.maxIter, opts.testOverrides.maxIter) } } };
    }
    await updateRetrainingRun({ db, id, patch: { baseVersion } });

    // The data: months newest first, each read once (counts and rows together), until the plan is complete.
    const t0 = performance.now();
    const { plan, byMonth } = await readPlannedMonths(db, name, opts.plan, (p) => progress.set(0.1 * p));
    const ds = datasetFromRecords(
      { train: plan.train.flatMap((m) => byMonth.get(m)!), valid: byMonth.get(plan.valid)!, test: byMonth.get(plan.test)! },
      plan.split,
      { source: `prediction_log ⋈ churn_labels (${name})` },
    );
    byMonth.clear();
    data = {
      ...data,
      months: { train: plan.train, valid: plan.valid, test: plan.test },
      rows: { train: ds.train.rows, valid: ds.valid.rows, test: ds.test.rows },
      positives: { train: sum(ds.train.y), valid: sum(ds.valid.y), test: sum(ds.test.y) },
      skipped_months: plan.skipped,
      candidate: entry.name,
      params: paramsOf(entry),
    };
    await progress.flush();
    await updateRetrainingRun({ db, id, patch: { data: data as Record<string, unknown>, progress: 0.12 } });

    // Train, log and register (@challenger) through the tracking API, as `npm run train` does.
    let client = opts.client;
    if (!client) {
      const actor = { type: 'system' as const, id: null, label: 'retraining job' };
      if ((await getDb()) !== db) throw new RetrainError('the in-process tracking client logs to the process database; pass `client` to retrain on another one');
      const key = await createApiKey(db, actor, { name: `retraining ${id} (revoked after use)`, scopes: ['tracking'] });
      revoke = async () => void (await revokeKey(db, actor, key.id));
      client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
    }
    const maxIter = entry.config.kind === 'gbt' ? entry.config.params.maxIter : 1;
    const t1 = performance.now();
    const why = `Retraining ${id} (${data.trigger === 'policy' ? 'policy' : 'manual'}): ${row.reason}`;
    const out = await trainAndRegister({
      client,
      dataset: ds,
      sweep: [entry],
      seed: manifest.training.seed,
      alias: 'challenger',
      reason: why.slice(0, 1000),
      note: `Retrained from v${champion}'s configuration on the labelled prediction log (${plan.train[0]}..${plan.train.at(-1)}, validated on ${plan.valid}, compared on ${plan.test}) — ${row.reason}.`,
      user: data.requested_by ?? 'monitoring retraining',
      runName: `retrain-v${champion}-${plan.test}`,
      tags: { 'retraining.run_id': id, 'retraining.trigger': data.trigger ?? 'manual', 'retraining.reason': row.reason.slice(0, 500), 'retraining.base_version': String(champion) },
      inline: opts.inline,
      spawn: opts.spawn,
      onProgress: (e) => {
        if (e.type === 'round') progress.set(0.12 + 0.68 * Math.min(1, e.info.round / maxIter));
      },
    });
    newVersion = Number(out.version);
    const t2 = performance.now();
    const ev = out.pkg.evaluation;
    data = { ...data, parent_run_id: out.parentRunId, trees: out.best.bestRound, metrics: { valid_auc: ev.splits.valid.auc, test_auc: ev.splits.test.auc, threshold: ev.threshold } };
    await progress.flush();
    await updateRetrainingRun({ db, id, patch: { newVersion, runId: out.pkg.manifest.training?.run_id ?? null, data: data as Record<string, unknown>, progress: 0.85 } });

    // Champion vs challenger on the comparison month, both as served.
    comparison = await compareOnWindow({ db, name, month: plan.test, records: ds.test.records.map(featureRecord), labels: ds.test.y, champion, challenger: newVersion });
    await updateRetrainingRun({ db, id, patch: { comparison: comparison as unknown as Record<string, unknown>, progress: 0.95 } });

    const decision = await maybePromote({ db, row, name, base: champion, version: newVersion, comparison });
    promoted = decision.promoted;
    const secs = (ms: number) => Math.round(ms / 100) / 10;
    data = { ...data, promotion: { policy_allows: row.autoPromote, promoted, note: decision.note }, seconds: { read: secs(t1 - t0), train: secs(t2 - t1), compare: secs(performance.now() - t2) } };
    result = await finishRetrainingRun({ db, id, status: 'succeeded', patch: { data: data as Record<string, unknown>, promoted, baseVersion } });
  } catch (e) {
    if (!(e instanceof RetrainError)) console.error(`[retrain] ${id} failed:`, e);
    const message = firstLine(e);
    try {
      await progress.flush();
      result = await finishRetrainingRun({ db, id, status: 'failed', error: message, patch: { data: data as Record<string, unknown>, baseVersion, ...(newVersion !== null ? { newVersion } : {}) } });
    } catch (e2) {
      console.error(`[retrain] ${id}: cannot record the failure:`, firstLine(e2));
    }
  } finally {
    await revoke?.().catch((e) => console.error(`[retrain] ${id}: cannot revoke the job's API key:`, firstLine(e)));
  }

  if (opts.notify && result) {
    const payload: RetrainingFinished = {
      run_id: id,
      status: result.status === 'succeeded' ? 'succeeded' : 'failed',
      model: result.modelName,
      base_version: result.baseVersion,
      new_version: result.newVersion,
      promoted: result.promoted,
      reason: result.reason,
      comparison,
      error: result.error,
    };
    await opts.notify('retraining.finished', payload).catch((e) => console.error(`[retrain] ${id}: notification failed:`, firstLine(e)));
  }
  return result;
}

/**
 * Auto-promotion: only when the run's policy allows it, the challenger's AUC on the comparison month is higher than
 * the champion's, and the champion is still the version it was compared with. Then through promoteVersion (the
 * registry's own promotion, with its checks and audit entry) — never by moving the alias directly.
 */
async function maybePromote(a: { db: Db; row: RetrainingRun; name: string; base: number; version: number; comparison: RetrainComparison }): Promise<{ promoted: boolean; note: string }> {
  const { db, row, comparison: c } = a;
  if (!row.autoPromote) return { promoted: false, note: 'Awaiting review: the policy leaves promotion to a person.' };
  if (c.better !== 'challenger') {
    return { promoted: false, note: `Not promoted: the challenger's AUC (${c.challenger.auc?.toFixed(4) ?? 'n/a'}) does not beat the champion's (${c.champion.auc?.toFixed(4) ?? 'n/a'}) on ${c.window.month}.` };
  }
  const current = await getAlias({ db, name: a.name, alias: SERVED_ALIAS });
  if (current !== a.base) return { promoted: false, note: `Not promoted: @${SERVED_ALIAS} moved to v${current} while this ran (it was compared with v${a.base}).` };
  const body = aliasBody.parse({
    name: a.name,
    alias: SERVED_ALIAS,
    version: a.version,
    reason: `Auto-promoted by retraining ${row.id}: AUC ${c.challenger.auc!.toFixed(4)} vs ${c.champion.auc!.toFixed(4)} (v${a.base}) on ${c.window.month}. ${row.reason}`.slice(0, 1000),
  });
  const audit = (action: string, target?: { type: string; id: string }, details?: Record<string, unknown>) =>
    recordAudit({
      db,
      entry: { actorType: 'system', actorId: null, actorLabel: 'retraining policy', action, targetType: target?.type ?? null, targetId: target?.id ?? null, details: { ...details, retraining_run: row.id, rule_id: row.ruleId }, ip: null, requestId: null },
    });
  try {
    await promoteVersion({ db, audit, ...body, actor: { role: null } });
  } catch (e) {
    // The fairness gate holds for automatic promotions too; a blocked one is left for a person to review.
    if (e instanceof ApiError && e.code === 'conflict' && /^Fairness gate/.test(e.message)) return { promoted: false, note: `Not promoted: ${e.message}` };
    throw e;
  }
  return { promoted: true, note: `Promoted to @${SERVED_ALIAS}: AUC ${c.challenger.auc!.toFixed(4)} vs ${c.champion.auc!.toFixed(4)} on ${c.window.month}.` };
}
