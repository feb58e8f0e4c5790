// The labelled data a model version is audited on, as columns:
// - its **test month** (the split it was evaluated on), read from customer_snapshots when this database holds the
//   seeded world it was trained on, and scored here with the version's own ONNX model; or
// - a **monitoring month**: the predictions that version logged in that month, joined to the labels that arrived for
//   them and to each customer's sensitive attributes (rows without a label or an known customer are counted, not used).
// Sensitive attributes are never model inputs: they come from the customers table by customer id.
import type { Db } from '@/db/client';
import { customerAttributes, labelledSnapshotMonth, SENSITIVE_ATTRIBUTES, type SensitiveAttribute } from '@/db/queries/fairness';
import { customerMonthKey, labelsFor, requestRowKey, windowBatches } from '@/db/queries/monitoring';
import { ApiError } from '@/lib/api/errors';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { monthStart, trainedOnThisWorld, type TrainingInfo } from '@/lib/monitoring/reference-source';
import { readModelBundle } from '@/lib/serving/served-model';

export type AuditSource = { kind: 'test_split' } | { kind: 'month'; month: string };

export interface AuditData {
  modelName: string;
  modelVersion: number;
  source: { kind: 'test_split' | 'month'; month: string; label: string };
  /** The decision threshold the rows were decided at (the version's; for logged months, the most common one). */
  threshold: number;
  rows: number;
  excluded: { unlabelled: number; unknownCustomer: number };
  yTrue: Uint8Array;
  yScore: Float64Array;
  yPred: Uint8Array;
  sensitive: Record<SensitiveAttribute, string[]>;
  /** USD per row (for the profit objective); NaN where the record has none. */
  monthlyCharge: Float64Array;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

function columns(n: number) {
  return {
    yTrue: new Uint8Array(n),
    yScore: new Float64Array(n),
    yPred: new Uint8Array(n),
    monthlyCharge: new Float64Array(n),
    sensitive: Object.fromEntries(SENSITIVE_ATTRIBUTES.map((a) => [a, new Array<string>(n)])) as Record<SensitiveAttribute, string[]>,
  };
}

/** The test month of a version trained on this database's world, or null (imported model, another world). */
export async function testSplitMonth(db: Db, modelName: string, modelVersion: number): Promise<string | null> {
  const bundle = await readModelBundle(db, modelName, modelVersion);
  const training = (bundle.manifest as { training?: TrainingInfo }).training;
  const test = training?.data?.split?.test;
  if (!test || !(await trainedOnThisWorld(db, training))) return null;
  return test.slice(0, 7);
}

async function loadTestSplit(db: Db, modelName: string, modelVersion: number, month: string): Promise<AuditData> {
  const bundle = await readModelBundle(db, modelName, modelVersion);
  const rows = await labelledSnapshotMonth({ db, month: monthStart(month) });
  if (!rows.length) throw new ApiError('conflict', `No labelled customer snapshots for ${month}, the test month of ${modelName} v${modelVersion}.`);
  const names = bundle.manifest.features.map((f) => f.name);
  const records = rows.map((r) => Object.fromEntries(names.map((n) => [n, r.record[n] ?? null])));
  const scorer = await OnnxScorer.create(bundle.onnx, bundle.manifest);
  const c = columns(rows.length);
  try {
    for (let i = 0; i < records.length; i += 20_000) c.yScore.set(await scorer.score(records.slice(i, i + 20_000)), i);
  } finally {
    await scorer.release();
  }
  const threshold = bundle.manifest.threshold;
  rows.forEach((r, i) => {
    c.yTrue[i] = r.churned ? 1 : 0;
    c.yPred[i] = c.yScore[i]! >= threshold ? 1 : 0;
    const charge = r.record.monthly_charge;
    c.monthlyCharge[i] = typeof charge === 'number' ? charge : Number.NaN;
    for (const a of SENSITIVE_ATTRIBUTES) c.sensitive[a][i] = r.attributes[a];
  });
  return {
    modelName,
    modelVersion,
    source: { kind: 'test_split', month, label: `test split ${month} (${rows.length.toLocaleString('en-US')} customers, scored by v${modelVersion})` },
    threshold,
    rows: rows.length,
    excluded: { unlabelled: 0, unknownCustomer: 0 },
    ...c,
  };
}

async function loadMonth(db: Db, modelName: string, modelVersion: number, month: string): Promise<AuditData> {
  const start = new Date(`${month}-01T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const batches = await windowBatches({ db, modelName, modelVersion, start, end });
  const ids = batches.flatMap((b) => b.customerIds.filter((x): x is string => x !== null));
  const [labels, attrs] = await Promise.all([
    labelsFor({ db, start, end, requestIds: batches.map((b) => b.requestId), customerIds: ids }),
    customerAttributes({ db, ids }),
  ]);
  const kept: { y: boolean; p: number; t: number; charge: number; a: Record<SensitiveAttribute, string> }[] = [];
  let unlabelled = 0;
  let unknownCustomer = 0;
  const key = `${month}-01`;
  for (const b of batches) {
    const chargeAt = b.featureNames.indexOf('monthly_charge');
    b.rowIndexes.forEach((row, j) => {
      const id = b.customerIds[j] ?? null;
      const y = labels.byRequestRow.get(requestRowKey(b.requestId, row)) ?? (id !== null ? labels.byCustomerMonth.get(customerMonthKey(id, key)) : undefined);
      if (y === undefined) return void unlabelled++;
      const a = id !== null ? attrs.get(id) : undefined;
      if (!a) return void unknownCustomer++;
      const charge = chargeAt >= 0 ? b.features[j]?.[chargeAt] : null;
      kept.push({ y, p: b.probabilities[j]!, t: b.threshold, charge: typeof charge === 'number' ? charge : Number.NaN, a });
    });
  }
  if (!kept.length) {
    throw new ApiError('conflict', `${modelName} v${modelVersion} has no labelled predictions of known customers in ${month} (${unlabelled} unlabelled, ${unknownCustomer} without a customer record). Send labels with POST /api/v1/labels.`);
  }
  const c = columns(kept.length);
  const thresholds = new Map<number, number>();
  kept.forEach((r, i) => {
    c.yTrue[i] = r.y ? 1 : 0;
    c.yScore[i] = r.p;
    c.yPred[i] = r.p >= r.t ? 1 : 0;
    c.monthlyCharge[i] = r.charge;
    for (const a of SENSITIVE_ATTRIBUTES) c.sensitive[a][i] = r.a[a];
    thresholds.set(r.t, (thresholds.get(r.t) ?? 0) + 1);
  });
  const threshold = [...thresholds.entries()].sort((x, y) => y[1] - x[1])[0]![0];
  return {
    modelName,
    modelVersion,
    source: { kind: 'month', month, label: `predictions logged in ${month} with labels (${kept.length.toLocaleString('en-US')} customers)` },
    threshold,
    rows: kept.length,
    excluded: { unlabelled, unknownCustomer },
    ...c,
  };
}

type Cache = Map<string, { at: number; data: Promise<AuditData> }>;
const caches = new WeakMap<Db, Cache>();
const MONTH_TTL_MS = 60_000;
const MAX_CACHED = 8;

/**
 * The audit data of a version. Without a source: the test split when available, else the newest month is the
 * caller's to choose (an error says so). Test splits are cached for the process (they cannot change); logged months
 * for a minute (labels keep arriving).
 */
export async function loadAuditData(db: Db, modelName: string, modelVersion: number, source?: AuditSource): Promise<AuditData> {
  if (source?.kind === 'month' && !MONTH_RE.test(source.month)) throw new ApiError('validation_failed', `source month must look like 2026-04, got '${source.month}'`, [{ path: 'query.month', message: 'expected YYYY-MM' }]);
  const testMonth = source?.kind === 'month' ? null : await testSplitMonth(db, modelName, modelVersion);
  if (!source || source.kind === 'test_split') {
    if (!testMonth) {
      throw new ApiError('conflict', `${modelName} v${modelVersion} has no test split in this database (it was not trained on this database's StreamFlow world); audit a month of its logged, labelled predictions instead (?month=YYYY-MM).`);
    }
  }
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const k = `${modelName}@${modelVersion}:${testMonth ? `test:${testMonth}` : `month:${(source as { month: string }).month}`}`;
  const hit = cache.get(k);
  if (hit && (testMonth || Date.now() - hit.at < MONTH_TTL_MS)) return hit.data;
  const data = testMonth ? loadTestSplit(db, modelName, modelVersion, testMonth) : loadMonth(db, modelName, modelVersion, (source as { month: string }).month);
  cache.set(k, { at: Date.now(), data });
  data.catch(() => cache.delete(k));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return data;
}

/** Forget cached audit data (tests; a reseeded world). */
export function clearAuditDataCache(db: Db): void {
  caches.delete(db);
}
