import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb, minMaxBuckets } from './downsample';
import type { BucketPoint, MetricSeries } from './downsample';

const series = (values: number[], steps = values.map((_, i) => i)): MetricSeries => ({ steps, values });

/** Sorted steps (duplicates allowed, as a metric may be logged twice at one step) with finite and non-finite values. */
const seriesArb = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 20 }),
      value: fc.oneof(
        { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
      ),
    }),
    { maxLength: 300 },
  )
  .map((pts) => {
    let step = 0;
    return { steps: pts.map((p) => (step += p.gap)), values: pts.map((p) => p.value) };
  });

/** Walks the original points in order, handing `count` of them to each output point, and checks the bucket against them. */
function checkPartition(s: { steps: number[]; values: number[] }, out: BucketPoint[]): void {
  expect(out.reduce((a, p) => a + p.count, 0)).toBe(s.steps.length);
  let i = 0;
  for (const p of out) {
    const chunk = s.values.slice(i, i + p.count);
    i += p.count;
    expect(p.step).toBe(s.steps[i - 1]);
    expect(Object.is(p.value, s.values[i - 1])).toBe(true);
    const finite = chunk.filter(Number.isFinite);
    expect(p.nonFinite ?? 0).toBe(chunk.length - finite.length);
    if (finite.length === 0) {
      expect(p.min).toBeNaN();
      expect(p.max).toBeNaN();
    } else {
      expect(p.min).toBe(Math.min(...finite));
      expect(p.max).toBe(Math.max(...finite));
    }
    if (Number.isFinite(p.value)) {
      expect(p.min).toBeLessThanOrEqual(p.value);
      expect(p.value).toBeLessThanOrEqual(p.max);
    }
  }
}

describe('minMaxBuckets', () => {
  const s = series([0, 5, 1, 9, 2, 3, 8, 4, 6, 7]);

  it('emits the first point, then last value + min/max/count per equal-width bucket', () => {
    // 3 buckets over steps 1..9 of width 3: {1,2} {3,4,5} {6,7,8,9} (the last step is clamped into the last bucket).
    expect(minMaxBuckets(s, { maxPoints: 4 })).toEqual([
      { step: 0, value: 0, min: 0, max: 0, count: 1 },
      { step: 2, value: 1, min: 1, max: 5, count: 2 },
      { step: 5, value: 3, min: 2, max: 9, count: 3 },
      { step: 9, value: 7, min: 4, max: 8, count: 4 },
    ]);
  });

  it('restricts to a zoom range and buckets only that range', () => {
    // Steps 2..7; 2 buckets of width 2.5 over 2..7: {3,4} {5,6,7}.
    expect(minMaxBuckets(s, { maxPoints: 3, minStep: 2, maxStep: 7 })).toEqual([
      { step: 2, value: 1, min: 1, max: 1, count: 1 },
      { step: 4, value: 2, min: 2, max: 9, count: 2 },
      { step: 7, value: 4, min: 3, max: 8, count: 3 },
    ]);
    // Zoomed far enough in, the range is returned at full detail.
    expect(minMaxBuckets(s, { maxPoints: 3, minStep: 3.5, maxStep: 6 }).map((p) => p.step)).toEqual([4, 5, 6]);
    expect(minMaxBuckets(s, { maxPoints: 3, minStep: 10 })).toEqual([]);
    expect(minMaxBuckets(s, { maxPoints: 3, minStep: 5, maxStep: 4 })).toEqual([]);
    expect(minMaxBuckets(s, { maxPoints: 3, minStep: NaN, maxStep: 0 })).toEqual([{ step: 0, value: 0, min: 0, max: 0, count: 1 }]);
  });

  it('returns short series unchanged', () => {
    expect(minMaxBuckets(series([3, 1], [10, 20]), { maxPoints: 2 })).toEqual([
      { step: 10, value: 3, min: 3, max: 3, count: 1 },
      { step: 20, value: 1, min: 1, max: 1, count: 1 },
    ]);
    expect(minMaxBuckets(series([]), { maxPoints: 10 })).toEqual([]);
  });

  it('keeps NaN/Infinity out of min/max but counts them', () => {
    const out = minMaxBuckets(series([1, NaN, Infinity, 2, -Infinity, 3]), { maxPoints: 3 });
    expect(out).toEqual([
      { step: 0, value: 1, min: 1, max: 1, count: 1 },
      { step: 2, value: Infinity, min: NaN, max: NaN, count: 2, nonFinite: 2 },
      { step: 5, value: 3, min: 2, max: 3, count: 3, nonFinite: 1 },
    ]);
    expect(minMaxBuckets(series([NaN, 1]), { maxPoints: 5 })[0]).toEqual({ step: 0, value: NaN, min: NaN, max: NaN, count: 1, nonFinite: 1 });
  });

  it('handles degenerate budgets and step ranges', () => {
    expect(minMaxBuckets(s, { maxPoints: 0 })).toEqual([]);
    expect(minMaxBuckets(s, { maxPoints: 1 })).toEqual([{ step: 9, value: 7, min: 0, max: 9, count: 10 }]);
    expect(minMaxBuckets(s, { maxPoints: 2.9 })).toHaveLength(2);
    expect(() => minMaxBuckets(s, { maxPoints: NaN })).toThrow(RangeError);
    // All points at one step: everything after the first lands in one bucket.
    expect(minMaxBuckets(series([4, 2, 8, 6], [5, 5, 5, 5]), { maxPoints: 3 })).toEqual([
      { step: 5, value: 4, min: 4, max: 4, count: 1 },
      { step: 5, value: 6, min: 2, max: 8, count: 3 },
    ]);
    // Unsorted or NaN steps are a caller bug, but must not break the point budget.
    const messy = { steps: [5, 1, NaN, 9, 0, 7, NaN, 3, 8, 2], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
    const out = minMaxBuckets(messy, { maxPoints: 4 });
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out.reduce((a, p) => a + p.count, 0)).toBe(10);
    expect(lttb(messy, 4)).toHaveLength(4);
    // Mismatched array lengths use the common prefix instead of reading undefined.
    expect(minMaxBuckets({ steps: [0, 1, 2], values: [1, 2] }, { maxPoints: 5 })).toHaveLength(2);
  });

  it('partitions the points, keeps first and last, and never exceeds maxPoints (property)', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 40 }), (s, maxPoints) => {
        const out = minMaxBuckets(s, { maxPoints });
        expect(out.length).toBeLessThanOrEqual(maxPoints);
        checkPartition(s, out);
        if (s.steps.length > 0) {
          if (maxPoints > 1) expect(out[0]!.step).toBe(s.steps[0]);
          expect(out.at(-1)!.step).toBe(s.steps.at(-1));
        }
        // Every finite extreme of the series survives in some bucket's band.
        const finite = s.values.filter(Number.isFinite);
        if (finite.length > 0) {
          const lo = Math.min(...finite);
          const hi = Math.max(...finite);
          expect(out.some((p) => p.min <= lo && lo <= p.max)).toBe(true);
          expect(out.some((p) => p.min <= hi && hi <= p.max)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('zooming equals bucketing the sliced series (property)', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: -5, max: 400 }), fc.integer({ min: 0, max: 400 }), (s, maxPoints, a, w) => {
        const [minStep, maxStep] = [a, a + w];
        const keep = s.steps.map((x) => x >= minStep && x <= maxStep);
        const sliced = { steps: s.steps.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
        expect(minMaxBuckets(s, { maxPoints, minStep, maxStep })).toEqual(minMaxBuckets(sliced, { maxPoints }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('lttb', () => {
  it('picks the largest triangle per bucket (hand-computed)', () => {
    // 3 inner points, 1 bucket: areas against a=(0,0) and next-bucket average (4,0) are 20, 0, 0.
    expect(lttb(series([0, 10, 0, 0, 0]), 3)).toEqual([
      { step: 0, value: 0 },
      { step: 1, value: 10 },
      { step: 4, value: 0 },
    ]);
    // 2 buckets {1,2,3} {4,5,6}: first against avg(4..6)=(5,-1) → doubled areas 6, 2, 28 → step 3;
    // then against a=(3,5) and (7,0) → 15, 10, 17 → step 6.
    expect(lttb(series([0, 1, 0, 5, 0, 0, -3, 0]), 4)).toEqual([
      { step: 0, value: 0 },
      { step: 3, value: 5 },
      { step: 6, value: -3 },
      { step: 7, value: 0 },
    ]);
  });

  it('handles small budgets and short series', () => {
    const s = series([1, 2, 3, 4]);
    expect(lttb(s, 10)).toHaveLength(4);
    expect(lttb(s, 2)).toEqual([
      { step: 0, value: 1 },
      { step: 3, value: 4 },
    ]);
    expect(lttb(s, 1)).toEqual([{ step: 3, value: 4 }]);
    expect(lttb(s, 0)).toEqual([]);
    expect(lttb(series([]), 5)).toEqual([]);
  });

  it('drops non-finite values instead of letting them poison the selection', () => {
    const out = lttb(series([NaN, 1, Infinity, 5, 2, -Infinity, 0, NaN]), 3);
    expect(out.every((p) => Number.isFinite(p.value))).toBe(true);
    expect(out).toEqual([
      { step: 1, value: 1 },
      { step: 3, value: 5 },
      { step: 6, value: 0 },
    ]);
    expect(lttb(series([NaN, NaN]), 3)).toEqual([]);
  });

  it('keeps first and last, returns ≤ maxPoints original points in order (property)', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 2, max: 40 }), (s, maxPoints) => {
        const out = lttb(s, maxPoints);
        const finite = s.steps.map((step, i) => ({ step, value: s.values[i]! })).filter((p) => Number.isFinite(p.value));
        expect(out).toHaveLength(Math.min(maxPoints, finite.length));
        if (finite.length === 0) return;
        expect(out[0]).toEqual(finite[0]);
        expect(out.at(-1)).toEqual(finite.at(-1));
        // A subsequence of the finite points: each output point found after the previous one.
        let j = 0;
        for (const p of out) {
          while (j < finite.length && !(finite[j]!.step === p.step && Object.is(finite[j]!.value, p.value))) j++;
          expect(j).toBeLessThan(finite.length);
          j++;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('performance', () => {
  it('downsamples 1M points', () => {
    const n = 1_000_000;
    const steps = new Array<number>(n);
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      steps[i] = i;
      values[i] = Math.exp(-i / 2e5) + 0.05 * Math.sin(i * 0.37) + (i % 99_991 === 0 ? NaN : 0);
    }
    const s = { steps, values };
    const time = (f: () => unknown): [number, unknown] => {
      f(); // warm-up so the timing reflects steady state rather than the first JIT tier
      const t0 = performance.now();
      const r = f();
      return [performance.now() - t0, r];
    };
    const [tBuckets, buckets] = time(() => minMaxBuckets(s, { maxPoints: 1000 }));
    const [tZoom] = time(() => minMaxBuckets(s, { maxPoints: 1000, minStep: 250_000, maxStep: 750_000 }));
    const [tLttb, sampled] = time(() => lttb(s, 1000));
    console.log(
      `1M points → 1000: minMaxBuckets ${tBuckets.toFixed(1)} ms, zoomed half ${tZoom.toFixed(1)} ms, lttb ${tLttb.toFixed(1)} ms`,
    );
    expect(buckets).toHaveLength(1000);
    expect(sampled).toHaveLength(1000);
  });
});
