import { describe, expect, it } from 'vitest';
import { Rng, cumulativeWeights } from './random';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    ss += x * x;
  }
  const mean = s / n;
  return { mean, variance: ss / n - mean * mean };
}

describe('Rng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = new Rng(1);
    let min = 1;
    let max = 0;
    const m = moments(() => {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 200_000);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const rng = new Rng(2);
    const m = moments(() => rng.normal(), 200_000);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(m.variance).toBeCloseTo(1, 1);
  });

  it.each([0.3, 4, 25, 120])('draws Poisson counts with mean = variance = %s', (lambda) => {
    const rng = new Rng(3);
    const m = moments(() => rng.poisson(lambda), 100_000);
    expect(m.mean / lambda).toBeCloseTo(1, 1);
    expect(m.variance / lambda).toBeCloseTo(1, 1);
  });

  it('draws geometric counts with mean (1 - p) / p', () => {
    const rng = new Rng(4);
    const m = moments(() => rng.geometric(0.2), 100_000);
    expect(m.mean).toBeCloseTo(4, 1);
  });

  it('picks categories in proportion to their weights', () => {
    const rng = new Rng(5);
    const cum = cumulativeWeights([1, 2, 7]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[rng.pickCumulative(cum)]++;
    expect(counts[0] / 100_000).toBeCloseTo(0.1, 2);
    expect(counts[1] / 100_000).toBeCloseTo(0.2, 2);
    expect(counts[2] / 100_000).toBeCloseTo(0.7, 2);
  });
});
