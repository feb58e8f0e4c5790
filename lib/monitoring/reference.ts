// A model version's drift baseline, built once from its training rows and the model's scores on them: one profile
// per feature (sorted distinct values with counts, or category counts — exact for every statistic), the score
// profile, and the labelled performance that decay is measured against.
import type { ModelManifest } from '@/lib/ml/manifest';
import { buildProfile, type ColumnProfile } from './stats';
import type { ReferencePerformance } from './types';
import { columnKind, type CellValue, type ColumnKind, type Reference } from './window';

export function featureKinds(manifest: Pick<ModelManifest, 'features'>): Record<string, ColumnKind> {
  return Object.fromEntries(manifest.features.map((f) => [f.name, columnKind(f)]));
}

/** Column-wise copy of records (missing keys are null). */
export function toColumns(records: readonly Record<string, unknown>[], names: readonly string[]): Record<string, CellValue[]> {
  const out: Record<string, CellValue[]> = {};
  for (const name of names) {
    const col = new Array<CellValue>(records.length);
    for (let i = 0; i < records.length; i++) col[i] = (records[i]![name] ?? null) as CellValue;
    out[name] = col;
  }
  return out;
}

/** The performance baseline from the version's own test-split metrics (training writes them into the manifest). */
export function referencePerformance(manifest: ModelManifest): ReferencePerformance {
  const training = (manifest as { training?: { metrics?: Record<string, number>; data?: { split?: { test?: string } } } }).training;
  const m = training?.metrics ?? {};
  const num = (k: string) => (typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] : null);
  return {
    auc: num('test_auc'),
    precision: num('test_precision'),
    recall: num('test_recall'),
    log_loss: num('test_log_loss'),
    base_rate: num('test_base_rate'),
    split: training?.data?.split?.test ? `test ${training.data.split.test}` : 'test split',
  };
}

export function buildReference(args: {
  manifest: ModelManifest;
  records: readonly Record<string, unknown>[];
  scores: ArrayLike<number>;
  performance?: ReferencePerformance;
}): Reference {
  const kinds = featureKinds(args.manifest);
  const columns = toColumns(args.records, Object.keys(kinds));
  const profiles: Record<string, ColumnProfile> = {};
  for (const [name, values] of Object.entries(columns)) profiles[name] = buildProfile(values, kinds[name]!);
  return {
    rows: args.records.length,
    profiles,
    scoreProfile: buildProfile(Array.from(args.scores), 'numeric'),
    performance: args.performance ?? referencePerformance(args.manifest),
    threshold: args.manifest.threshold,
  };
}
