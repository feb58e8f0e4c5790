// The bootstrap's samplers: Binomial draws match the distribution (moments and a chi-square goodness of fit) on both
// branches (inversion for n·p < 10, BTRS above), and multinomial draws always place exactly `total` items.

import { describe, expect, it } from 'vitest';
import { binomial, multinomial } from './binomial';
import { mulberry32 } from '@/lib/ml/prng';

function pmf(n: number, p: number): number[] {
  // Recurrence from P(0) in log space to stay finite for larger n.
  const out = [Math.exp(n * Math.log1p(-p))];
  for (let k = 1; k <= n; k++) out.push((out[k - 1] * (n - k + 1) * p) / (k * (1 - p)));
  return out;
}

describe('binomial', () => {
  it.each([
    [5, 0.3],
    [50, 0.1],
    [1000, 0.005],
    [40, 0.5],
    [1000, 0.5],
    [100, 0.93],
    [1_000_000, 0.3],
    [3, 1e-9],
  ])('Binomial(%d, %d): mean and variance', (n, p) => {
    const rand = mulberry32(n + Math.round(p * 1e6));
    const N = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const x = binomial(n, p, rand);
      expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
      s += x;
      s2 += x * x;
    }
    const mean = s / N;
    const variance = s2 / N - mean * mean;
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(v / N) + 1e-9);
    if (v > 0.5) expect(Math.abs(variance / v - 1)).toBeLessThan(0.06);
  });

  it.each([
    [40, 0.1], // inversion
    [30, 0.4], // BTRS (n·p = 12)
    [200, 0.25], // BTRS
  ])('Binomial(%d, %d): chi-square goodness of fit', (n, p) => {
    const rand = mulberry32(99);
    const N = 100_000;
    const hist = new Array(n + 1).fill(0);
    for (let i = 0; i < N; i++) hist[binomial(n, p, rand)]++;
    const f = pmf(n, p);
    let chi = 0;
    let df = -1;
    let restObs = 0;
    let restExp = 0;
    for (let k = 0; k <= n; k++) {
      const e = f[k] * N;
      if (e >= 5) {
        chi += (hist[k] - e) ** 2 / e;
        df++;
      } else {
        restObs += hist[k];
        restExp += e;
      }
    }
    if (restExp > 0) {
      chi += (restObs - restExp) ** 2 / restExp;
      df++;
    }
    // Far beyond the 99.9% quantile of chi-square(df) for these df (≈ df + 4.5·sqrt(2·df)).
    expect(chi).toBeLessThan(df + 6 * Math.sqrt(2 * df));
  });

  it('edge cases', () => {
    const rand = mulberry32(1);
    expect(binomial(0, 0.5, rand)).toBe(0);
    expect(binomial(10, 0, rand)).toBe(0);
    expect(binomial(10, 1, rand)).toBe(10);
  });
});

describe('multinomial', () => {
  it('places exactly the total, with the right means', () => {
    const rand = mulberry32(5);
    const counts = [0, 3, 0, 50, 1, 946];
    const total = 1000;
    const out = new Float64Array(counts.length + 2);
    const sums = new Float64Array(counts.length);
    const N = 5000;
    for (let i = 0; i < N; i++) {
      multinomial([9, ...counts, 9], 1, counts.length + 1, total, rand, out);
      let s = 0;
      for (let k = 1; k <= counts.length; k++) {
        s += out[k];
        sums[k - 1] += out[k];
      }
      expect(s).toBe(total);
      expect(out[1]).toBe(0); // zero weight is never drawn
    }
    counts.forEach((c, k) => expect(Math.abs(sums[k] / N - c)).toBeLessThanOrEqual(5 * Math.sqrt(c / N) + 1e-9));
  });
});
