// Exact binomial and multinomial draws for the bootstrap. Resampling the m rows of a cell with replacement is the
// same, in distribution, as one multinomial draw over the cell's distinct outcomes with its observed proportions;
// a multinomial is drawn as a chain of conditional binomials. The binomial sampler is exact (no normal
// approximation):
// - n·min(p, 1−p) < 10: sequential-search inversion of the CDF (expected cost ~ n·p, one uniform);
// - otherwise Hörmann's BTRS, transformed rejection with squeeze (W. Hörmann, "The generation of binomial random
//   variates", J. Statist. Comput. Simul. 46, 1993), the sampler TensorFlow and others use: ~1.2 pairs of uniforms
//   per draw whatever n is, with a Stirling-series log-pmf ratio for the rare squeeze misses.

/** log(k!) − [log √(2π) + (k + ½) log(k + 1) − (k + 1)]: the Stirling series remainder, tabulated for k < 10. */
const TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
  0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

function stirlingTail(k: number): number {
  if (k < 10) return TAIL[k];
  const k1 = k + 1;
  const k1sq = k1 * k1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / k1sq) / k1sq) / k1;
}

/** Inversion for small means: P(0) = q^n, then P(k) = P(k−1)·(n−k+1)/k·p/q. p <= 0.5, n·p < 10. */
function inversion(n: number, p: number, rand: () => number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let f = Math.pow(q, n);
  let u = rand();
  let k = 0;
  // The guard k < n also absorbs the rounding left in u after the last term.
  while (u > f && k < n) {
    u -= f;
    k++;
    f *= a / k - s;
  }
  return k;
}

/** BTRS for n·p >= 10, p <= 0.5. */
function btrs(n: number, p: number, rand: () => number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  const lpm = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
  for (;;) {
    const u = rand() - 0.5;
    let v = rand();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k; // inside the box: accept without evaluating the pmf
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      lpm +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/** One Binomial(n, p) draw; n a non-negative integer, p in [0, 1]. */
export function binomial(n: number, p: number, rand: () => number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const k = n * q < 10 ? inversion(n, q, rand) : btrs(n, q, rand);
  return flip ? n - k : k;
}

/**
 * Multinomial draw of `total` items over categories with weights counts[from..to) (integers summing to `total`,
 * the observed counts: resampling with replacement). Writes the draw into out[from..to).
 */
export function multinomial(counts: ArrayLike<number>, from: number, to: number, total: number, rand: () => number, out: Int32Array | Float64Array): void {
  let left = total; // items still to place
  let weight = total; // weight of the categories not yet visited
  for (let k = from; k < to; k++) {
    if (left === 0) out[k] = 0;
    else if (k === to - 1) out[k] = left; // the last category takes the rest (its conditional p is 1)
    else {
      const w = counts[k];
      const x = binomial(left, w / weight, rand);
      out[k] = x;
      left -= x;
      weight -= w;
    }
  }
}
