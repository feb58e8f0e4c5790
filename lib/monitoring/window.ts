// One monitoring window, computed from its rows of the prediction log against the model version's stored
// reference: feature drift (the same engine as POST /api/v1/drift/compare), prediction drift, null shares, volume,
// realized performance over the labelled rows and CBPE estimates over all rows, plus small display histograms so a
// page can draw reference-vs-window distributions without reading the log.
import type { ModelManifest } from '@/lib/ml/manifest';
import { buildProfile, compareProfiles, compareProfileSets, mergeProfiles, type ColumnOptions, type ColumnProfile, type DriftReport, type ColumnDrift } from './stats';
import { displayHistogram, type DisplayHistogram } from './histogram';
import { estimatedPerformance, realizedPerformance } from './performance';
import type { EstimatedPerformance, RealizedPerformance, ReferencePerformance } from './types';

export type ColumnKind = 'numeric' | 'categorical';
export type CellValue = number | string | boolean | null;

/** The drift type of a model feature: booleans and categories are categorical. */
export function columnKind(f: Pick<ModelManifest['features'][number], 'type'>): ColumnKind {
  return f.type === 'numeric' ? 'numeric' : 'categorical';
}

/** What a model version's reference holds (monitoring_references). */
export interface Reference {
  rows: number;
  profiles: Record<string, ColumnProfile>;
  scoreProfile: ColumnProfile;
  performance: ReferencePerformance;
  threshold: number;
  /** Per-feature overrides of method / threshold (the defaults are Evidently's). */
  columns?: Record<string, ColumnOptions>;
  driftShare?: number;
}

/** A window's rows, column-wise. `labels[i]` is 1, 0, or -1 when the row has no label yet. */
export interface WindowRows {
  features: Record<string, CellValue[]>;
  kinds: Record<string, ColumnKind>;
  scores: Float64Array;
  thresholds: Float64Array;
  labels: Int8Array;
}

export interface WindowResult {
  predictions: number;
  labeled: number;
  drift: DriftReport;
  driftShare: number;
  datasetDrift: boolean;
  predictionDrift: ColumnDrift;
  meanScore: number;
  realized: RealizedPerformance | null;
  estimated: EstimatedPerformance;
  /** Per feature and for the score: display histogram of this window on the reference's bins. */
  profiles: Record<string, DisplayHistogram>;
}

export const SCORE_COLUMN = '__score__';

/**
 * What a window is made of, in a form that merges: per-feature profiles (exact, mergeable) and the rows' scores,
 * thresholds and labels. A day's part is built once from its rows; weeks and months merge their days' parts, so a
 * refresh reads and profiles each row once whatever the number of window kinds.
 */
export interface WindowPart {
  profiles: Record<string, ColumnProfile>;
  scoreProfile: ColumnProfile;
  scores: Float64Array;
  thresholds: Float64Array;
  labels: Int8Array;
}

export function windowPart(rows: WindowRows, ref: Pick<Reference, 'profiles'>): WindowPart {
  const profiles: Record<string, ColumnProfile> = {};
  for (const [name, values] of Object.entries(rows.features)) {
    if (!ref.profiles[name]) continue; // a field the reference does not know is not monitored
    profiles[name] = buildProfile(values, rows.kinds[name] ?? ref.profiles[name]!.type);
  }
  return { profiles, scoreProfile: buildProfile(rows.scores, 'numeric'), scores: rows.scores, thresholds: rows.thresholds, labels: rows.labels };
}

function concat<T extends Float64Array | Int8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function mergeParts(parts: readonly WindowPart[]): WindowPart {
  if (parts.length === 1) return parts[0]!;
  const profiles: Record<string, ColumnProfile> = { ...parts[0]!.profiles };
  let scoreProfile = parts[0]!.scoreProfile;
  for (const p of parts.slice(1)) {
    for (const [k, v] of Object.entries(p.profiles)) profiles[k] = profiles[k] ? mergeProfiles(profiles[k]!, v) : v;
    scoreProfile = mergeProfiles(scoreProfile, p.scoreProfile);
  }
  return {
    profiles,
    scoreProfile,
    scores: concat(parts.map((p) => p.scores), (n) => new Float64Array(n)),
    thresholds: concat(parts.map((p) => p.thresholds), (n) => new Float64Array(n)),
    labels: concat(parts.map((p) => p.labels), (n) => new Int8Array(n)),
  };
}

export function computeWindow(rows: WindowRows, ref: Reference): WindowResult {
  return computeWindowFromPart(windowPart(rows, ref), ref);
}

export function computeWindowFromPart(part: WindowPart, ref: Reference): WindowResult {
  const { profiles, scoreProfile, scores, thresholds, labels } = part;
  const n = scores.length;
  const drift = compareProfileSets(ref.profiles, profiles, { columns: ref.columns, drift_share: ref.driftShare });
  const predictionDrift = compareProfiles(ref.scoreProfile, scoreProfile, ref.columns?.[SCORE_COLUMN]);
  let sum = 0;
  let labeled = 0;
  for (let i = 0; i < n; i++) {
    sum += scores[i]!;
    if (labels[i]! >= 0) labeled++;
  }
  const lp = new Float64Array(labeled);
  const ly = new Uint8Array(labeled);
  const lt = new Float64Array(labeled);
  for (let i = 0, k = 0; i < n; i++) {
    if (labels[i]! < 0) continue;
    lp[k] = scores[i]!;
    ly[k] = labels[i]!;
    lt[k++] = thresholds[i]!;
  }
  const display: Record<string, DisplayHistogram> = {};
  for (const [name, p] of Object.entries(profiles)) display[name] = displayHistogram(ref.profiles[name]!, p);
  display[SCORE_COLUMN] = displayHistogram(ref.scoreProfile, scoreProfile);
  return {
    predictions: n,
    labeled,
    drift,
    driftShare: drift.share,
    datasetDrift: drift.dataset_drift,
    predictionDrift,
    meanScore: n ? sum / n : 0,
    realized: realizedPerformance(lp, ly, lt),
    estimated: estimatedPerformance(scores, thresholds),
    profiles: display,
  };
}
