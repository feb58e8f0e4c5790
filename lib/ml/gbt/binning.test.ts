import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/ml/prng';
import { applyBins, binOf, binTraining, fitBins, floorF32, thresholdOf } from './binning';

/** A column mix that stresses binning: ties, negatives, NaN, float32 neighbours, and > 255 distinct values. */
function awkwardMatrix(rows: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  const d = 5;
  const x = new Float32Array(rows * d);
  const near = Math.fround(1 / 3);
  const nextUp = new Float32Array(new Int32Array([new Int32Array(new Float32Array([near]).buffer)[0]! + 1]).buffer)[0]!;
  for (let r = 0; r < rows; r++) {
    x[r * d] = rand() * 1000 - 500; // continuous: quantile bins
    x[r * d + 1] = Math.floor(rand() * 12); // 12 distinct integers
    x[r * d + 2] = rand() < 0.2 ? NaN : Math.round(rand() * 4000) / 100 - 20; // ~4000 distinct, 20% missing
    x[r * d + 3] = rand() < 0.5 ? near : nextUp; // two adjacent float32 values: the midpoint is not a float32
    x[r * d + 4] = rand() < 0.9 ? (r % 2 ? 0 : -0) : rand() * 10; // heavy tie at ±0: quantile cuts collapse
  }
  return x;
}

describe('floorF32', () => {
  it('returns the largest float32 not above the value', () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6);
      const f = floorF32(v);
      expect(Math.fround(f)).toBe(f);
      expect(f).toBeLessThanOrEqual(v);
      // The next float32 up is above v.
      const up = new Float32Array(1);
      up[0] = f;
      const bits = new Int32Array(up.buffer);
      bits[0] = f >= 0 ? (Object.is(f, -0) ? 1 : bits[0]! + 1) : bits[0]! - 1;
      expect(up[0]!).toBeGreaterThan(v);
    }
    expect(floorF32(-1e-50)).toBeLessThan(0);
    expect(floorF32(2)).toBe(2);
  });
});

describe('fitBins', () => {
  it('puts one bin per distinct value with midpoint thresholds when there are few values', () => {
    const x = Float32Array.from([4, 1, 2, 2, NaN, 1, 4]);
    const m = fitBins(x, x.length, 1, 255, 0);
    expect([...m.edges[0]!]).toEqual([1.5, 3]);
    expect(m.nBins[0]).toBe(3);
    expect(m.hasMissing[0]).toBe(1);
    expect([...applyBins(m, x, x.length)]).toEqual([2, 0, 1, 1, 3, 0, 2]); // NaN -> its own bin 3
  });

  it('uses numpy "midpoint" percentiles when there are more distinct values than bins', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => i);
    // np.percentile(np.arange(100), [25, 50, 75], method="midpoint") == [24.5, 49.5, 74.5]
    expect([...fitBins(x, 100, 1, 4, 0).edges[0]!]).toEqual([24.5, 49.5, 74.5]);
  });

  it('keeps at most maxBins non-missing bins and the missing bin fits a byte', () => {
    const rows = 5000;
    const x = awkwardMatrix(rows, 1);
    const m = fitBins(x, rows, 5, 255, 0);
    expect(m.nBins[0]).toBe(255);
    expect(m.nBins[1]).toBe(12);
    expect(m.nBins[3]).toBe(2);
    expect(m.nBins[4]).toBeLessThan(255); // collapsed duplicate quantiles
    const b = applyBins(m, x, rows);
    for (let f = 0; f < 5; f++) for (let r = 0; r < rows; r++) expect(b[f * rows + r]).toBeLessThanOrEqual(m.nBins[f]!);
  });

  it('thresholds reproduce the bins: fround(v) <= threshold(b) exactly when bin(v) <= b', () => {
    const rows = 3000;
    const d = 5;
    const x = awkwardMatrix(rows, 2);
    const m = fitBins(x, rows, d, 255, 0);
    const binned = applyBins(m, x, rows);
    for (let f = 0; f < d; f++) {
      const nb = m.nBins[f]!;
      for (let b = 0; b < nb; b++) {
        const t = thresholdOf(m, f, b);
        expect(Math.fround(t)).toBe(t);
        for (let r = 0; r < rows; r++) {
          const v = x[r * d + f]!;
          if (Number.isNaN(v)) {
            expect(binned[f * rows + r]).toBe(nb);
            continue;
          }
          if ((Math.fround(v) <= t) !== (binned[f * rows + r]! <= b)) {
            throw new Error(`feature ${f}, bin ${b}, threshold ${t}: value ${v} in bin ${binned[f * rows + r]}`);
          }
        }
      }
      // Re-binning through the thresholds alone: bin = number of thresholds below the value.
      for (let r = 0; r < rows; r++) {
        const v = x[r * d + f]!;
        if (Number.isNaN(v)) continue;
        let k = 0;
        while (k < nb - 1 && !(Math.fround(v) <= thresholdOf(m, f, k))) k++;
        expect(binned[f * rows + r]).toBe(k);
      }
    }
  });

  it('separates adjacent float32 values although their midpoint is not a float32', () => {
    const a = Math.fround(0.1);
    const x = Float32Array.from([a, a, 0]);
    x[2] = new Float32Array(new Int32Array([new Int32Array(new Float32Array([a]).buffer)[0]! + 1]).buffer)[0]!;
    const m = fitBins(x, 3, 1, 255, 0);
    expect(m.edges[0]![0]).toBe(a);
    expect(binOf(m.edges[0]!, x[2]!)).toBe(1);
  });

  it('binTraining (one radix sort per column) gives exactly the edges and bins of fitBins + applyBins', () => {
    for (const [rows, maxBins] of [[4000, 255], [4000, 16], [1, 255]] as const) {
      const x = awkwardMatrix(rows, 7);
      const ref = fitBins(x, rows, 5, maxBins, 0);
      const { mapper, binned } = binTraining(x, rows, 5, maxBins, 0);
      expect(mapper.edges).toEqual(ref.edges);
      expect([...mapper.nBins]).toEqual([...ref.nBins]);
      expect([...mapper.hasMissing]).toEqual([...ref.hasMissing]);
      expect(Buffer.from(binned).equals(Buffer.from(applyBins(ref, x, rows)))).toBe(true);
    }
  });

  it('fits edges on a deterministic 200k-row subsample of larger data', () => {
    const rows = 230_000;
    const rand = mulberry32(9);
    const x = Float32Array.from({ length: rows }, () => rand());
    const a = fitBins(x, rows, 1, 255, 5);
    const b = fitBins(x, rows, 1, 255, 5);
    const c = fitBins(x, rows, 1, 255, 6);
    expect(a.edges[0]).toEqual(b.edges[0]);
    expect(a.edges[0]).not.toEqual(c.edges[0]);
    expect(a.nBins[0]).toBe(255);
  });
});
