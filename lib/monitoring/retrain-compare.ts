// Champion vs challenger on the newest labelled window. Both are scored the way serving scores them: the registered
// version's files are read back from the registry (readModelBundle) and run in onnxruntime — not the challenger's
// in-memory trees — so the comparison is of the models as they would be served. Each model is judged at its own
// stored threshold. onnxruntime runs off the event loop; the encoding between chunks is short and yields.
import type { Db } from '@/db/client';
import { evaluateBinary } from '@/lib/ml/evaluation';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { readModelBundle } from '@/lib/serving/served-model';

const CHUNK_ROWS = 2000;

export interface VersionScore {
  version: number;
  threshold: number;
  auc: number | null;
  log_loss: number;
  brier: number;
  precision: number;
  recall: number;
  f1: number;
  /** Customers at or above the threshold (whom the model would have contacted). */
  flagged: number;
}

export interface RetrainComparison {
  window: { month: string; rows: number; positives: number; base_rate: number; unscorable: number };
  champion: VersionScore;
  challenger: VersionScore;
  /** challenger − champion (AUC: higher is better; log loss: lower is better). */
  delta: { auc: number | null; log_loss: number };
  better: 'challenger' | 'champion' | 'tie';
  scored_with: string;
}

/** P(churn) per record from a registered version, through onnxruntime; NaN for a record the version cannot score. */
export async function scoreRegisteredVersion(db: Db, name: string, version: number, records: readonly Record<string, unknown>[]): Promise<{ p: Float64Array; threshold: number }> {
  const bundle = await readModelBundle(db, name, version);
  const scorer = await OnnxScorer.create(bundle.onnx, bundle.manifest);
  try {
    const p = new Float64Array(records.length);
    for (let i = 0; i < records.length; i += CHUNK_ROWS) {
      const { probabilities } = await scorer.scoreDetailed(records.slice(i, i + CHUNK_ROWS));
      p.set(probabilities, i);
      await new Promise((r) => setImmediate(r));
    }
    return { p, threshold: bundle.manifest.threshold };
  } finally {
    // Released only after every run above has settled.
    await scorer.release();
  }
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

function scoreOf(version: number, p: Float64Array, y: Uint8Array, threshold: number): VersionScore {
  const e = evaluateBinary(p, y, threshold);
  return {
    version,
    threshold,
    auc: finiteOrNull(e.auc),
    log_loss: e.log_loss,
    brier: e.brier,
    precision: e.precision,
    recall: e.recall,
    f1: e.f1,
    flagged: e.confusion.tp + e.confusion.fp,
  };
}

/** Scores the window's labelled records with both versions and compares them on the rows both could score. */
export async function compareOnWindow(args: {
  db: Db;
  name: string;
  month: string;
  records: readonly Record<string, unknown>[];
  labels: Uint8Array;
  champion: number;
  challenger: number;
}): Promise<RetrainComparison> {
  const a = await scoreRegisteredVersion(args.db, args.name, args.champion, args.records);
  const b = await scoreRegisteredVersion(args.db, args.name, args.challenger, args.records);
  const keep: number[] = [];
  for (let i = 0; i < args.records.length; i++) if (Number.isFinite(a.p[i]!) && Number.isFinite(b.p[i]!)) keep.push(i);
  if (keep.length === 0) throw new Error(`neither model could score the ${args.month} window's rows`);
  const pick = (p: Float64Array) => Float64Array.from(keep, (i) => p[i]!);
  const y = Uint8Array.from(keep, (i) => args.labels[i]!);
  const positives = y.reduce((s, v) => s + v, 0);
  const champion = scoreOf(args.champion, pick(a.p), y, a.threshold);
  const challenger = scoreOf(args.challenger, pick(b.p), y, b.threshold);
  const dAuc = champion.auc !== null && challenger.auc !== null ? challenger.auc - champion.auc : null;
  return {
    window: { month: args.month, rows: keep.length, positives, base_rate: positives / keep.length, unscorable: args.records.length - keep.length },
    champion,
    challenger,
    delta: { auc: dAuc, log_loss: challenger.log_loss - champion.log_loss },
    better: dAuc === null || dAuc === 0 ? 'tie' : dAuc > 0 ? 'challenger' : 'champion',
    scored_with: 'onnxruntime, registered version files (as served)',
  };
}
