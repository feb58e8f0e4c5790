// The once-per-dataset half of the ROI engine: sort the scores (descending) and keep prefix sums, so that every
// evaluation afterwards — one per slider move on the ROI page, for 100k customers — is a single pass over the tie
// blocks with O(1) work per candidate campaign and no allocation beyond the curve it returns.
//
// Campaign "top k" contacts the k highest scores. A threshold t contacts every customer with p ≥ t, so when several
// customers share a score only the END of their tie block is a campaign a threshold can run: `cuts` lists those k
// (0, each block end, n) and every evaluator chooses among them only.
//
// Sorting is an LSD radix sort on the doubles' bit patterns (non-negative doubles order like their bits): four
// 16-bit passes, skipping any digit that is the same for every score (scores that came from float32 skip two). It is
// stable, so tied customers keep their input order and the result is deterministic.
import { RoiInputError } from './errors';

export interface Prepared {
  readonly n: number;
  /** Scores, descending. */
  readonly score: Float64Array;
  /** Prefix sums over the top k (index k, length n + 1): Σ p. */
  readonly sumP: Float64Array;
  /** Σ p·v, v the per-customer amount CLV scales (the monthly charge for StreamFlow); null without one. */
  readonly sumPV: Float64Array | null;
  /** Σ y and Σ y·v with labels; null without. */
  readonly sumY: Float64Array | null;
  readonly sumYV: Float64Array | null;
  /** The campaigns a threshold can run: k = 0, the end of every tie block, ascending; the last is n. */
  readonly cuts: Int32Array;
  readonly hasClv: boolean;
  readonly hasLabels: boolean;
}

export interface PrepareOptions {
  /** Per customer, USD: the amount CLV is a multiple of (`{ kind: 'per_customer', months }`), e.g. the monthly charge. */
  clv?: ArrayLike<number>;
  /** Observed churn, 0/1 per customer: enables the realized profit and EMP. */
  labels?: ArrayLike<number>;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The permutation that sorts `s` (finite, ≥ 0, no −0) descending; stable. */
export function sortDescending(s: Float64Array): Uint32Array {
  const n = s.length;
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  if (!LITTLE_ENDIAN || n < 64) {
    // Tiny inputs (and the exotic big-endian host) are not worth the histograms.
    return idx.sort((a, b) => s[b]! - s[a]! || a - b);
  }
  const words = new Uint32Array(s.buffer, s.byteOffset, 2 * n);
  // Digit j: (word j >> 1, shift 16·(j & 1)), least significant first; inverted for descending order.
  const counts = [0, 1, 2, 3].map(() => new Uint32Array(65536));
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    counts[0]![0xffff - (lo & 0xffff)]++;
    counts[1]![0xffff - (lo >>> 16)]++;
    counts[2]![0xffff - (hi & 0xffff)]++;
    counts[3]![0xffff - (hi >>> 16)]++;
  }
  let tmp = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const count = counts[pass]!;
    let constant = false;
    let pos = 0;
    for (let dgt = 0; dgt < 65536; dgt++) {
      const c = count[dgt]!;
      if (c === n) constant = true;
      count[dgt] = pos;
      pos += c;
    }
    if (constant) continue;
    const w = pass >> 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const r = idx[i]!;
      const dgt = 0xffff - ((words[2 * r + w]! >>> shift) & 0xffff);
      tmp[count[dgt]!++] = r;
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}

function toScores(scores: ArrayLike<number>): Float64Array {
  if (!scores || typeof scores.length !== 'number') throw new RoiInputError('scores', 'scores must be an array of probabilities');
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RoiInputError('scores', `scores[${i}] = ${String(v)} is not a probability in [0, 1]`);
    out[i] = v + 0; // −0 → 0: its sign bit would sort it below every positive score
  }
  return out;
}

function checkColumn(field: string, a: ArrayLike<number> | undefined, n: number, ok: (v: number) => boolean, what: string): void {
  if (a === undefined) return;
  if (!a || a.length !== n) throw new RoiInputError(field, `${field} must have one value per score (${n}), got ${a?.length}`);
  for (let i = 0; i < n; i++) if (!ok(a[i]!)) throw new RoiInputError(field, `${field}[${i}] = ${String(a[i])} is not ${what}`);
}

export function prepareScores(scores: ArrayLike<number>, opts: PrepareOptions = {}): Prepared {
  const s = toScores(scores);
  const n = s.length;
  checkColumn('clv', opts.clv, n, (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a finite amount ≥ 0');
  checkColumn('labels', opts.labels, n, (v) => v === 0 || v === 1, '0 or 1');
  const order = sortDescending(s);
  const v = opts.clv;
  const y = opts.labels;
  const score = new Float64Array(n);
  const sumP = new Float64Array(n + 1);
  const sumPV = v ? new Float64Array(n + 1) : null;
  const sumY = y ? new Float64Array(n + 1) : null;
  const sumYV = y && v ? new Float64Array(n + 1) : null;
  let blocks = 1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const p = s[i]!;
    score[k] = p;
    sumP[k + 1] = sumP[k]! + p;
    if (sumPV) sumPV[k + 1] = sumPV[k]! + p * v![i]!;
    if (sumY) sumY[k + 1] = sumY[k]! + y![i]!;
    if (sumYV) sumYV[k + 1] = sumYV[k]! + y![i]! * v![i]!;
    if (k > 0 && score[k - 1] !== p) blocks++;
  }
  const cuts = new Int32Array(n === 0 ? 1 : blocks + 1);
  let c = 1;
  for (let k = 1; k < n; k++) if (score[k - 1] !== score[k]) cuts[c++] = k;
  if (n > 0) cuts[c] = n;
  return { n, score, sumP, sumPV, sumY, sumYV, cuts, hasClv: !!v, hasLabels: !!y };
}
