// The boosting loop: binary log loss, one tree per round fitted to the gradients of the current margins.
//
// Margins are accumulated in float32 in tree order, from the float32 leaf values, exactly as `marginOf` (and
// onnxruntime) will compute them, so the gradients each round are taken at the margins the exported model
// actually produces, and the final training margins equal `predictMargin(model, x)` bit for bit.
import { mulberry32 } from '@/lib/ml/prng';
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { applyBins, binTraining } from './binning';
import { Grower } from './grower';
import { histLayout } from './histogram';
import { addTreeByBins, fastAuc, lossAndGradients } from './scoring';
import { resolveParams, type GbtParams } from './params';

export interface RoundInfo {
  round: number;
  trainLoss: number;
  validLoss?: number;
  validAuc?: number;
  leaves: number;
}

export interface GbtInput {
  x: Float32Array;
  y: Uint8Array;
  rows: number;
  nFeatures: number;
  valid?: { x: Float32Array; y: Uint8Array; rows: number };
  params?: Partial<GbtParams>;
  onRound?: (info: RoundInfo) => void;
}

export interface GbtResult {
  model: TreeEnsemble;
  /** Rounds trained. */
  rounds: number;
  /** Trees kept (1-based): the best validation round under early stopping, else `rounds`. */
  bestRound: number;
  history: RoundInfo[];
  /**
   * The returned model's margin (log-odds) for every training row, as accumulated during training; equal to
   * `predictMargin(model, x, rows)`, so callers need not re-predict the training set.
   */
  trainMargin: Float64Array;
}

function checkInput(input: GbtInput): void {
  const { x, y, rows, nFeatures, valid } = input;
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new RangeError('nFeatures must be a positive integer');
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError('rows must be a positive integer');
  if (x.length !== rows * nFeatures) throw new RangeError(`x has ${x.length} values for ${rows} rows × ${nFeatures} features`);
  if (y.length !== rows) throw new RangeError(`y has ${y.length} labels for ${rows} rows`);
  for (let i = 0; i < rows; i++) if (y[i]! > 1) throw new RangeError(`y[${i}] = ${y[i]}: labels must be 0 or 1`);
  if (valid) {
    if (valid.x.length !== valid.rows * nFeatures) throw new RangeError('valid.x does not match valid.rows × nFeatures');
    if (valid.y.length !== valid.rows) throw new RangeError('valid.y does not match valid.rows');
    if (!Number.isInteger(valid.rows) || valid.rows < 1) throw new RangeError('valid.rows must be a positive integer');
  }
}

export function trainGbt(input: GbtInput): GbtResult {
  checkInput(input);
  const p = resolveParams(input.params);
  const { x, y, rows: n, nFeatures: d, valid } = input;
  const rand = mulberry32(p.seed);

  const { mapper, binned } = binTraining(x, n, d, p.maxBins, p.seed);
  const grower = new Grower(mapper, histLayout(n, mapper.nBins), binned, p);

  // Baseline: log-odds of the training positive rate, clipped as scikit-learn does.
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const rate = Math.min(1 - Number.EPSILON, Math.max(Number.EPSILON, pos / n));
  const base32 = Math.fround(Math.log(rate / (1 - rate)));

  const acc = new Float32Array(n);
  // The training margins as of the best round, for the result when early stopping truncates the ensemble.
  let bestAcc: Float32Array | null = null;
  // Gradients and hessians in float32, as scikit-learn keeps them: it halves the memory the histogram loops read
  // through the row index. Histogram and node sums are float64.
  const g = new Float32Array(n);
  const h = new Float32Array(n);
  lossAndGradients(acc, base32, y, null, g, h);

  const vb = valid ? applyBins(mapper, valid.x, valid.rows) : null;
  const vacc = valid ? new Float32Array(valid.rows) : null;
  const vprob = valid ? new Float64Array(valid.rows) : null;
  const aucPos = valid ? new Float64Array(valid.rows) : null;
  const aucNeg = valid ? new Float64Array(valid.rows) : null;

  const idx = new Int32Array(n);
  const sampleSize = p.subsample >= 1 ? n : Math.max(1, Math.round(p.subsample * n));
  const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
  const features = new Int32Array(d);
  const nSel = p.colsample >= 1 ? d : Math.max(1, Math.round(p.colsample * d));

  const trees: Tree[] = [];
  const history: RoundInfo[] = [];
  const es = valid && p.earlyStopping ? p.earlyStopping : null;
  let bestLoss = Infinity;
  let bestRound = 0;

  for (let round = 1; round <= p.maxIter; round++) {
    // Rows: selection sampling (Knuth's algorithm S) draws exactly sampleSize rows without replacement, already
    // in increasing order, in one pass and without a sort.
    if (sampleSize === n) for (let i = 0; i < n; i++) idx[i] = i;
    else {
      let need = sampleSize;
      for (let r = 0, k = 0; need > 0; r++) {
        if (rand() * (n - r) < need) {
          idx[k++] = r;
          need--;
        }
      }
    }
    // Features: a partial Fisher-Yates shuffle picks nSel of d; sorted so histograms are filled in column order.
    features.set(allFeatures);
    if (nSel < d) {
      for (let i = 0; i < nSel; i++) {
        const j = i + Math.floor(rand() * (d - i));
        const t = features[i]!;
        features[i] = features[j]!;
        features[j] = t;
      }
      features.subarray(0, nSel).sort();
    }

    const grown = grower.grow(g, h, idx, sampleSize, features, nSel);
    const tree = grown.tree;
    trees.push(tree);

    if (sampleSize === n) {
      // Every row sits in exactly one leaf's index range.
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.feature[node]! >= 0) continue;
        const v = tree.value[node]!;
        for (let i = grown.start[node]!, e = grown.end[node]!; i < e; i++) acc[idx[i]!] = acc[idx[i]!]! + v;
      }
    } else addTreeByBins(grown, mapper.nBins, binned, n, acc);
    const trainLoss = lossAndGradients(acc, base32, y, null, g, h);

    const info: RoundInfo = { round, trainLoss, leaves: grown.leaves };
    if (valid) {
      addTreeByBins(grown, mapper.nBins, vb!, valid.rows, vacc!);
      info.validLoss = lossAndGradients(vacc!, base32, valid.y, vprob!, null, null);
      info.validAuc = fastAuc(vprob!, valid.y, aucPos!, aucNeg!);
    }
    history.push(info);
    input.onRound?.(info);

    if (es) {
      // Patience on the best validation loss so far. Unlike scikit-learn, which keeps every tree it trained, the
      // ensemble is TRUNCATED to the best round afterwards: the trees added while the validation loss stopped
      // improving are the overfitting that early stopping is there to remove.
      if (info.validLoss! < bestLoss - es.tol) {
        bestLoss = info.validLoss!;
        bestRound = round;
        (bestAcc ??= new Float32Array(n)).set(acc);
      } else if (round - bestRound >= es.rounds) break;
    }
  }

  const rounds = trees.length;
  if (!es) bestRound = rounds;
  const finalAcc = es ? bestAcc! : acc;
  const trainMargin = new Float64Array(n);
  for (let r = 0; r < n; r++) trainMargin[r] = Math.fround(finalAcc[r]! + base32);
  return {
    model: { nFeatures: d, baseValue: base32, trees: trees.slice(0, bestRound), postTransform: 'LOGISTIC' },
    rounds,
    bestRound,
    history,
    trainMargin,
  };
}
