// The hyperparameter sweep `npm run train` runs: a few gradient-boosted configurations around scikit-learn's
// HistGradientBoosting defaults, plus the logistic-regression baseline they must beat. Small on purpose — it has to
// finish in a couple of minutes on two cores — and every candidate is logged, so the choice can be audited.
import { DEFAULT_GBT_PARAMS, type GbtParams } from '@/lib/ml/gbt';

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
