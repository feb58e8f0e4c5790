// The training data for the churn model: StreamFlow snapshots split by time — train on a run of earlier months,
// validate on the next month, test on the month after. Rows never cross months between splits, so the test score
// is what a model trained "then" would have scored on a future month. The rows come from the world generator
// (`npm run train`) or, for monitoring's retraining, from the labelled prediction log (datasetFromRecords).
import { FEATURE_NAMES, type Customer, type CustomerFeatures, type SensitiveAttribute } from '@/lib/data/features';
import { generateWorld, type GeneratedSnapshot, type WorldOptions } from '@/lib/data/generator';
import { contractEncoding, encodeRows, fitCategoryOrder, type EncoderSpec } from '@/lib/ml/encoder';

export interface SplitSpec {
  /** First and last training month, 'YYYY-MM' (inclusive). */
  train: [string, string];
  valid: string;
  test: string;
}

/** The default split: eight months of training data, validated and tested on the two months before the price increase. */
export const DEFAULT_SPLIT: SplitSpec = { train: ['2025-05', '2025-12'], valid: '2026-01', test: '2026-02' };

/** One labelled row: the model's features by name, the customer and month it belongs to, and its outcome. */
export type DatasetRecord = CustomerFeatures & { customer_id: string | null; month: string; churned: boolean | null };

export interface Split {
  months: string[];
  rows: number;
  x: Float32Array;
  y: Uint8Array;
  /** Raw records (features by name) — kept for reference rows, fairness groups and SHAP displays. */
  records: DatasetRecord[];
  /** Sensitive attributes per row (never model inputs); absent when the rows carry none (the prediction log). */
  groups?: Record<SensitiveAttribute, string[]>;
}

export interface Dataset {
  /** The generated world the rows come from; null when they come from elsewhere (see `source`). */
  world: Required<WorldOptions> | null;
  /** Where non-generated rows come from, e.g. `prediction_log ⋈ churn_labels` (manifest and run inputs name it). */
  source?: string;
  split: SplitSpec;
  spec: EncoderSpec;
  train: Split;
  valid: Split;
  test: Split;
}

const ym = (month: string) => month.slice(0, 7);

function checkSplitOrder(split: SplitSpec): void {
  if (!(split.train[0] <= split.train[1] && split.train[1] < split.valid && split.valid < split.test)) {
    throw new RangeError(`split months must be ordered: train ${split.train.join('..')} < valid ${split.valid} < test ${split.test}`);
  }
}

export function buildDataset(world: WorldOptions = {}, split: SplitSpec = DEFAULT_SPLIT): Dataset {
  checkSplitOrder(split);
  const w = generateWorld(world);
  const byId = new Map<string, Customer>(w.customers.map((c) => [c.customer_id, c]));
  const parts = { train: [] as GeneratedSnapshot[], valid: [] as GeneratedSnapshot[], test: [] as GeneratedSnapshot[] };
  for (const r of w.snapshots()) {
    if (r.churned === null) continue;
    const m = ym(r.month);
    if (m >= split.train[0] && m <= split.train[1]) parts.train.push(r);
    else if (m === split.valid) parts.valid.push(r);
    else if (m === split.test) parts.test.push(r);
  }
  for (const [k, rows] of Object.entries(parts)) {
    if (rows.length === 0) throw new RangeError(`the ${k} split is empty: no labelled rows in those months of the generated world`);
  }
  const groups = (rows: readonly DatasetRecord[]) => ({
    age_band: rows.map((r) => byId.get(r.customer_id!)!.age_band),
    gender: rows.map((r) => byId.get(r.customer_id!)!.gender),
    region: rows.map((r) => byId.get(r.customer_id!)!.region),
  });
  return assemble(parts, split, { world: w.options, groups });
}

/**
 * The same Dataset from rows gathered elsewhere — monitoring's retraining passes the labelled prediction log, one
 * array per split. Every record needs its outcome (`churned`); categories are ordered by the training split's churn
 * rate exactly as for generated data, so a model trained on either is packaged and served the same way.
 */
export function datasetFromRecords(parts: { train: readonly DatasetRecord[]; valid: readonly DatasetRecord[]; test: readonly DatasetRecord[] }, split: SplitSpec, opts: { source: string }): Dataset {
  checkSplitOrder(split);
  for (const [k, rows] of Object.entries(parts)) {
    if (rows.length === 0) throw new RangeError(`the ${k} split is empty: no labelled rows in ${k === 'train' ? split.train.join('..') : split[k as 'valid' | 'test']}`);
    const unlabelled = rows.findIndex((r) => r.churned === null || r.churned === undefined);
    if (unlabelled >= 0) throw new RangeError(`the ${k} split has a row without an outcome (row ${unlabelled}, month ${rows[unlabelled]!.month})`);
  }
  return assemble(parts, split, { world: null, source: opts.source });
}

function assemble(
  parts: { train: readonly DatasetRecord[]; valid: readonly DatasetRecord[]; test: readonly DatasetRecord[] },
  split: SplitSpec,
  origin: { world: Required<WorldOptions> | null; source?: string; groups?: (rows: readonly DatasetRecord[]) => Record<SensitiveAttribute, string[]> },
): Dataset {
  const labels = (rows: readonly DatasetRecord[]) => Uint8Array.from(rows, (r) => (r.churned ? 1 : 0));
  const spec = fitCategoryOrder(contractEncoding(), parts.train as unknown as Record<string, unknown>[], labels(parts.train));
  const make = (rows: readonly DatasetRecord[]): Split => ({
    months: [...new Set(rows.map((r) => ym(r.month)))],
    rows: rows.length,
    x: encodeRows(spec, rows as unknown as Record<string, unknown>[]),
    y: labels(rows),
    records: rows as DatasetRecord[],
    ...(origin.groups ? { groups: origin.groups(rows) } : {}),
  });
  return { world: origin.world, ...(origin.source ? { source: origin.source } : {}), split, spec, train: make(parts.train), valid: make(parts.valid), test: make(parts.test) };
}

/** A customer record with only the model's features, in contract order (what the API and manifests carry). */
export function featureRecord(r: CustomerFeatures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of FEATURE_NAMES) out[name] = r[name as keyof CustomerFeatures];
  return out;
}

/** Every k-th row, so a sample spans all months of a split in a deterministic way. */
export function evenSample<T>(rows: readonly T[], n: number): T[] {
  if (rows.length <= n) return [...rows];
  return Array.from({ length: n }, (_, i) => rows[Math.floor((i * rows.length) / n)]!);
}
