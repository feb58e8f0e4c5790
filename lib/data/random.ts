// Seeded random variates on top of pure-rand's xoroshiro128plus.
// pure-rand only yields 32-bit integers, so the continuous and discrete distributions the world needs are derived here.
// The generator is used through `unsafeNext` (in-place mutation): the pure `next()` API allocates a new generator per
// draw, which is far too slow for the tens of millions of draws a 1M-row world takes.

import { xoroshiro128plus } from 'pure-rand';
import type { RandomGenerator } from 'pure-rand';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
/** Above this mean the inversion search for a Poisson draw becomes slow, so a normal approximation takes over. */
const POISSON_INVERSION_MAX = 40;

export class Rng {
  private readonly gen: RandomGenerator;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
    // A few warm-up rounds: neighbouring seeds start from nearly identical states, and the first outputs of
    // xoroshiro128+ from such states are visibly correlated.
    for (let i = 0; i < 16; i++) this.gen.unsafeNext();
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.unsafeNext() >>> 5;
    const lo = this.gen.unsafeNext() >>> 6;
    return (hi * TWO_POW_26 + lo) / TWO_POW_53;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal via the Marsaglia polar method; the second variate of each pair is cached. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Poisson count: exact CDF inversion for small means, rounded normal approximation for large ones. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > POISSON_INVERSION_MAX) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    }
    const u = this.uniform();
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    // The k < 1000 guard only protects against floating-point stagnation when u is within rounding of 1.
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Geometric number of failures before the first success, success probability p per trial. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    const u = this.uniform();
    return Math.floor(Math.log(1 - u) / Math.log(1 - p));
  }

  /** Index drawn from cumulative weights (last entry = total). */
  pickCumulative(cumulative: ArrayLike<number>): number {
    const n = cumulative.length;
    const x = this.uniform() * cumulative[n - 1];
    for (let i = 0; i < n - 1; i++) {
      if (x < cumulative[i]) return i;
    }
    return n - 1;
  }
}

/** Turns a weight list into the cumulative form `pickCumulative` expects (precomputed once, not per draw). */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    out[i] = acc;
  }
  return out;
}
