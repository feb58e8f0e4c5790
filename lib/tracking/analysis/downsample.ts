// Downsampling of metric histories for line charts.
//
// A run can log millions of points per metric; a chart is a few hundred pixels wide. Two strategies:
// - `minMaxBuckets` (W&B "full fidelity"): equal-width step buckets that carry the min/max band, so spikes and
//   divergences survive downsampling. Restricting to [minStep, maxStep] lets a zoomed chart re-fetch at full detail.
// - `lttb` (Largest-Triangle-Three-Buckets, Steinarsson 2013): picks real points that preserve the visual shape;
//   cheaper to draw (no band) but may drop isolated extremes.
//
// Both expect steps sorted ascending (the order the metric store returns them) and are O(n) in the points of the
// requested range.

export interface MetricSeries {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface BucketPoint {
  /** Step of the bucket's last point: the line is drawn through "the value as of this step". */
  step: number;
  /** Value of the bucket's last point, exactly as logged (may be NaN or ±Infinity, see `nonFinite`). */
  value: number;
  /** Min/max over the bucket's finite values only; NaN when the bucket has none. */
  min: number;
  max: number;
  /** Original points folded into this one; the counts of a result sum to the points in the range. */
  count: number;
  /**
   * Points in the bucket whose value was NaN or ±Infinity. Omitted when 0. They are kept out of min/max because a
   * single Infinity would flatten the band to useless, but a diverged run must still be visible, so they are counted.
   */
  nonFinite?: number;
}

export interface MinMaxBucketOptions {
  maxPoints: number;
  /** Inclusive bounds; omitted (or NaN) means unbounded on that side. */
  minStep?: number;
  maxStep?: number;
}

export interface LttbPoint {
  step: number;
  value: number;
}

export function minMaxBuckets(series: MetricSeries, opts: MinMaxBucketOptions): BucketPoint[] {
  const budget = pointBudget(opts.maxPoints);
  const { steps, values } = series;
  const n = Math.min(steps.length, values.length);
  const minStep = definedBound(opts.minStep);
  const maxStep = definedBound(opts.maxStep);
  if (minStep !== undefined && maxStep !== undefined && minStep > maxStep) return [];
  // Binary search so that a zoomed re-fetch costs O(log n + points in range), not O(n).
  const start = minStep === undefined ? 0 : lowerBound(steps, minStep, 0, n);
  const end = maxStep === undefined ? n : upperBound(steps, maxStep, start, n);
  const k = end - start;
  if (k <= 0 || budget === 0) return [];

  if (k <= budget) {
    const out: BucketPoint[] = new Array(k);
    for (let i = 0; i < k; i++) out[i] = singlePoint(steps[start + i]!, values[start + i]!);
    return out;
  }

  const out: BucketPoint[] = [];
  let bucketStart = start;
  // With a budget of one there is no room for the first point; the latest value is what a sparkline needs most.
  if (budget > 1) {
    out.push(singlePoint(steps[start]!, values[start]!));
    bucketStart = start + 1;
  }
  // The first point is emitted on its own, so the remaining budget - 1 buckets cover the rest of the range; the last
  // point of the range ends the last bucket and is therefore always emitted as that bucket's step/value.
  const buckets = Math.max(1, budget - 1);
  const s0 = steps[start]!;
  const span = steps[end - 1]! - s0;
  const scale = span > 0 ? buckets / span : 0;

  let current = -1;
  let count = 0;
  let nonFinite = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = bucketStart; i < end; i++) {
    let b = Math.min(buckets - 1, Math.floor((steps[i]! - s0) * scale));
    // Bucket indices only move forward, so out-of-order or NaN steps (bad input) can merge buckets but never push
    // the result past maxPoints.
    if (!(b >= current)) b = current;
    if (b !== current && count > 0) {
      out.push(bucketPoint(steps[i - 1]!, values[i - 1]!, min, max, count, nonFinite));
      count = 0;
      nonFinite = 0;
      min = Infinity;
      max = -Infinity;
    }
    current = b;
    const v = values[i]!;
    count++;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    } else {
      nonFinite++;
    }
  }
  if (count > 0) out.push(bucketPoint(steps[end - 1]!, values[end - 1]!, min, max, count, nonFinite));
  return out;
}

/**
 * Largest-Triangle-Three-Buckets. Non-finite values are dropped before downsampling: the triangle areas and bucket
 * averages are meaningless with NaN/Infinity in them and one such value would poison its neighbours' selection.
 * Charts that must show divergence should use `minMaxBuckets`, which counts them. "First and last" therefore means the
 * first and last finite points.
 */
export function lttb(series: MetricSeries, maxPoints: number): LttbPoint[] {
  const budget = pointBudget(maxPoints);
  const { xs, ys, n } = finitePoints(series);
  if (budget === 0 || n === 0) return [];
  if (n <= budget) {
    const out: LttbPoint[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = { step: xs[i]!, value: ys[i]! };
    return out;
  }
  const last: LttbPoint = { step: xs[n - 1]!, value: ys[n - 1]! };
  if (budget === 1) return [last];

  const out: LttbPoint[] = [{ step: xs[0]!, value: ys[0]! }];
  // The inner n - 2 points are split into budget - 2 buckets; since n > budget, every > 1 so no bucket is empty.
  const every = (n - 2) / (budget - 2);
  let a = 0;
  for (let i = 0; i < budget - 2; i++) {
    // Average of the next bucket stands in for the not-yet-chosen third vertex.
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += xs[j]!;
      avgY += ys[j]!;
    }
    const avgLen = avgEnd - avgStart;
    avgX /= avgLen;
    avgY /= avgLen;

    const rangeStart = Math.floor(i * every) + 1;
    const rangeEnd = Math.floor((i + 1) * every) + 1;
    const ax = xs[a]!;
    const ay = ys[a]!;
    let best = rangeStart;
    let bestArea = -1;
    for (let j = rangeStart; j < rangeEnd; j++) {
      // Twice the triangle area; the factor is irrelevant for the argmax.
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push({ step: xs[best]!, value: ys[best]! });
    a = best;
  }
  out.push(last);
  return out;
}

function pointBudget(maxPoints: number): number {
  if (Number.isNaN(maxPoints)) throw new RangeError('maxPoints must be a number');
  return Math.max(0, Math.floor(maxPoints));
}

function definedBound(x: number | undefined): number | undefined {
  return x === undefined || Number.isNaN(x) ? undefined : x;
}

function singlePoint(step: number, value: number): BucketPoint {
  return Number.isFinite(value)
    ? { step, value, min: value, max: value, count: 1 }
    : { step, value, min: NaN, max: NaN, count: 1, nonFinite: 1 };
}

function bucketPoint(step: number, value: number, min: number, max: number, count: number, nonFinite: number): BucketPoint {
  if (nonFinite === 0) return { step, value, min, max, count };
  const none = nonFinite === count;
  return { step, value, min: none ? NaN : min, max: none ? NaN : max, count, nonFinite };
}

/** First index in [lo, hi) with steps[i] >= x. */
function lowerBound(steps: ArrayLike<number>, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) with steps[i] > x. */
function upperBound(steps: ArrayLike<number>, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function finitePoints(series: MetricSeries): { xs: ArrayLike<number>; ys: ArrayLike<number>; n: number } {
  const { steps, values } = series;
  const n = Math.min(steps.length, values.length);
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) finite++;
  // The common case (a healthy run) reads the caller's arrays directly instead of copying a million points.
  if (finite === n) return { xs: steps, ys: values, n };
  const xs = new Float64Array(finite);
  const ys = new Float64Array(finite);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      xs[k] = steps[i]!;
      ys[k] = v;
      k++;
    }
  }
  return { xs, ys, n: finite };
}
