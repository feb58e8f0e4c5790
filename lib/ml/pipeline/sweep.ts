// The hyperparameter sweep `npm run train` runs: a few gradient-boosted configurations around scikit-learn's
// HistGradientBoosting defaults, plus the logistic-regression baseline they must beat. Small on purpose — it has to
// finish in a couple of minutes on two cores — and every candidate is logged, so the choice can be audited.
import { DEFAULT_GBT_PARAMS, resolveParams, type GbtParams } from '@/lib/ml/gbt';

export interface SweepEntry {
  name: string;
  config: { kind: 'gbt'; params: GbtParams } | { kind: 'logistic'; l2: number };
}

export const DEFAULT_SEED = 42;

export function sweepGrid(seed: number = DEFAULT_SEED): SweepEntry[] {
  const gbt = (name: string, p: Partial<GbtParams>): SweepEntry => ({
    name,
    config: { kind: 'gbt', params: { ...DEFAULT_GBT_PARAMS, maxIter: 400, earlyStopping: { rounds: 20, tol: 1e-7 }, ...p, seed } },
  });
  return [
    gbt('gbt-lr0.1-leaves31', { learningRate: 0.1, maxLeafNodes: 31, minSamplesLeaf: 20, l2: 0 }),
    gbt('gbt-lr0.05-leaves31-sub0.8', { learningRate: 0.05, maxLeafNodes: 31, minSamplesLeaf: 50, l2: 1, subsample: 0.8, colsample: 0.8, maxIter: 600 }),
    gbt('gbt-lr0.1-depth4', { learningRate: 0.1, maxLeafNodes: null, maxDepth: 4, minSamplesLeaf: 50, l2: 1 }),
    gbt('gbt-lr0.05-leaves63-sub0.8', { learningRate: 0.05, maxLeafNodes: 63, minSamplesLeaf: 100, l2: 1, subsample: 0.8, colsample: 0.8, maxIter: 600 }),
    { name: 'logistic-baseline', config: { kind: 'logistic', l2: 1e-3 } },
  ];
}

/** Parameters as MLflow params (strings), with the product's names. */
export function paramsOf(entry: SweepEntry): Record<string, string | number> {
  if (entry.config.kind === 'logistic') return { model: 'logistic_regression', l2: entry.config.l2, solver: 'newton-irls', features: 'standardised numerics + missing flags + one-hot' };
  const p = entry.config.params;
  return {
    model: 'hist_gradient_boosting',
    learning_rate: p.learningRate,
    max_iter: p.maxIter,
    max_leaf_nodes: p.maxLeafNodes ?? 'none',
    max_depth: p.maxDepth ?? 'none',
    min_samples_leaf: p.minSamplesLeaf,
    l2_regularization: p.l2,
    max_bins: p.maxBins,
    subsample: p.subsample,
    colsample: p.colsample,
    early_stopping_rounds: p.earlyStopping?.rounds ?? 'off',
    seed: p.seed,
    calibration: 'platt (validation split)',
    categorical_encoding: 'codes ordered by training churn rate',
  };
}

type ParamValue = string | number | boolean | null | undefined;

/**
 * The sweep entry a version was trained with, rebuilt from the params its manifest records (`training.params`, as
 * written by paramsOf) — what retraining uses to train exactly the champion's configuration on new data. The
 * entry of the same `candidate` name in sweepGrid(seed) supplies what the params do not record (the early-stopping
 * tolerance); the recorded values win, and the result must map back to the same params. Throws (with the reason)
 * for a version that is not one of our gradient-boosted models.
 */
export function entryFromParams(params: Record<string, ParamValue>, seed: number = DEFAULT_SEED): SweepEntry {
  if (params.model !== 'hist_gradient_boosting') {
    throw new Error(`the version was not trained by the product's gradient-boosting pipeline (model: ${String(params.model ?? 'not recorded')}), so its configuration cannot be retrained`);
  }
  const name = typeof params.candidate === 'string' && params.candidate ? params.candidate : 'gbt-champion-config';
  const known = sweepGrid(seed).find((e) => e.name === name)?.config;
  const base: GbtParams = known?.kind === 'gbt' ? known.params : { ...DEFAULT_GBT_PARAMS, earlyStopping: { rounds: 20, tol: 1e-7 }, seed };
  const num = (key: string, fallback: number): number => {
    const v = params[key];
    if (v === undefined || v === null) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`the recorded parameter ${key}=${String(v)} is not a number`);
    return n;
  };
  const orNone = (key: string, fallback: number | null): number | null => (params[key] === 'none' ? null : params[key] === undefined ? fallback : num(key, 0));
  const stopping = params.early_stopping_rounds === 'off' ? null : { rounds: num('early_stopping_rounds', base.earlyStopping?.rounds ?? 20), tol: base.earlyStopping?.tol ?? 1e-7 };
  const p = resolveParams({
    learningRate: num('learning_rate', base.learningRate),
    maxIter: num('max_iter', base.maxIter),
    maxLeafNodes: orNone('max_leaf_nodes', base.maxLeafNodes),
    maxDepth: orNone('max_depth', base.maxDepth),
    minSamplesLeaf: num('min_samples_leaf', base.minSamplesLeaf),
    l2: num('l2_regularization', base.l2),
    maxBins: num('max_bins', base.maxBins),
    subsample: num('subsample', base.subsample),
    colsample: num('colsample', base.colsample),
    earlyStopping: stopping,
    seed: num('seed', seed),
  });
  const entry: SweepEntry = { name, config: { kind: 'gbt', params: p } };
  const mismatch = Object.entries(paramsOf(entry)).filter(([k, v]) => params[k] !== undefined && String(params[k]) !== String(v));
  if (mismatch.length) throw new Error(`the recorded parameters do not describe one configuration (${mismatch.map(([k, v]) => `${k}: recorded ${String(params[k])}, rebuilt ${v}`).join('; ')})`);
  return entry;
}
