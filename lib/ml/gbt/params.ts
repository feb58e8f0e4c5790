// Hyper-parameters of the histogram GBT trainer, named after (and defaulting like) scikit-learn's
// HistGradientBoostingClassifier where it has the same knob.

export interface GbtParams {
  learningRate: number;
  /** Boosting rounds. */
  maxIter: number;
  /** Best-first growth stops at this many leaves; null = no limit. */
  maxLeafNodes: number | null;
  /** Root is depth 0; null = no limit. Both limits may be set. */
  maxDepth: number | null;
  minSamplesLeaf: number;
  /** L2 penalty on leaf values. */
  l2: number;
  /** Non-missing bins per feature (≤ 255); missing values get a bin of their own. */
  maxBins: number;
  /** Fraction of rows drawn without replacement for each round. */
  subsample: number;
  /** Fraction of features drawn for each tree. */
  colsample: number;
  /**
   * Patience on the validation set's log loss; ignored without a validation set. The returned ensemble is
   * truncated to the best round (scikit-learn keeps every round it trained).
   */
  earlyStopping: { rounds: number; tol: number } | null;
  seed: number;
}

export const DEFAULT_GBT_PARAMS: GbtParams = {
  learningRate: 0.1,
  maxIter: 200,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
  subsample: 1,
  colsample: 1,
  earlyStopping: { rounds: 20, tol: 1e-7 },
  seed: 0,
};

function check(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(msg);
}

const isInt = (v: number, min: number) => Number.isInteger(v) && v >= min;

/** Defaults filled in and every value range-checked (RangeError naming the parameter). */
export function resolveParams(partial: Partial<GbtParams> = {}): GbtParams {
  const p: GbtParams = { ...DEFAULT_GBT_PARAMS };
  // An explicit `undefined` (e.g. from an optional form field) means "default", not "unset".
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) (p as unknown as Record<string, unknown>)[k] = v;
  check(Number.isFinite(p.learningRate) && p.learningRate > 0, 'learningRate must be > 0');
  check(isInt(p.maxIter, 1), 'maxIter must be an integer ≥ 1');
  check(p.maxLeafNodes === null || isInt(p.maxLeafNodes, 2), 'maxLeafNodes must be null or an integer ≥ 2');
  check(p.maxDepth === null || isInt(p.maxDepth, 1), 'maxDepth must be null or an integer ≥ 1');
  check(isInt(p.minSamplesLeaf, 1), 'minSamplesLeaf must be an integer ≥ 1');
  check(Number.isFinite(p.l2) && p.l2 >= 0, 'l2 must be ≥ 0');
  check(isInt(p.maxBins, 2) && p.maxBins <= 255, 'maxBins must be an integer in 2..255');
  check(p.subsample > 0 && p.subsample <= 1, 'subsample must be in (0, 1]');
  check(p.colsample > 0 && p.colsample <= 1, 'colsample must be in (0, 1]');
  if (p.earlyStopping) {
    check(isInt(p.earlyStopping.rounds, 1), 'earlyStopping.rounds must be an integer ≥ 1');
    check(Number.isFinite(p.earlyStopping.tol) && p.earlyStopping.tol >= 0, 'earlyStopping.tol must be ≥ 0');
  }
  check(Number.isSafeInteger(p.seed), 'seed must be a safe integer');
  return p;
}
