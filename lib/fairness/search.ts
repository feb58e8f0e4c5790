// The proposal step of the threshold mitigation (thresholds.ts). Given every group's candidate cuts (curves.ts),
// it lists combinations of one cut per group that are likely to meet the criterion, best objective first, and the
// caller verifies them. How the bands are derived is in thresholds.ts's header. What is here is how they are
// searched fast:
//   - Single metric: a group's cuts sorted by metric value, with a range-argmax over their objective. "The best cut
//     with value in [lo, hi]" is then two binary searches and one O(1) query. Every distinct value in the union of
//     the groups' values is tried as a level (thinned evenly past 4000). The optimum's level is one of them, so for
//     between_groups and a 'best' reference the search is exact over the candidate cuts up to that thinning.
//   - Anchored reference (largest or named group): every cut of the reference group fixes the comparator. Exact too.
//   - Two metrics (equalized odds): TPR and FPR never fall along the cut order, so both bands are index ranges in that
//     one order. All (x, y) pairs would be 16 million, so for each of 400 TPR levels only the FPR levels whose band
//     can meet every group's range are tried (100 of them, a fine grid because that interval is narrow). Coordinate
//     ascent over the full level sets then polishes the best five. This is a heuristic. On the test data it matched a
//     brute-force search over all pairs of cuts.
// Only the best 500 distinct proposals per pass are kept, so memory stays bounded.
import { BETTER } from './criteria';
import { RangeArgmax, gainAt, lowerBound, metricAt, upperBound } from './curves';
import type { Curve, ObjectiveKind, Prepared } from './curves';
import type { Convention, GroupMetric, ReferenceChoice, Tolerance } from './types';

export interface SearchCtx {
  p: Prepared;
  metrics: GroupMetric[];
  o: { convention: Convention; reference?: ReferenceChoice; tolerance: Tolerance; objective: ObjectiveKind; includeSmall?: boolean; minGroupSize: number };
}

export function totalObjective(ctx: SearchCtx, choice: number[]): number {
  let s = 0;
  choice.forEach((k, g) => (s += gainAt(ctx.p.curves[g]!, k, ctx.o.objective)));
  return s;
}

type Band = (x: number) => [number, number];

/** The band every group must land in for level x (see the header), per metric. */
function bandFor(ctx: SearchCtx, metric: GroupMetric, loose: boolean): Band {
  const t = ctx.o.tolerance;
  const { convention, reference } = ctx.o;
  const between = convention === 'between_groups' || (convention === 'to_overall' && !loose);
  if (between) {
    if (t.kind === 'difference') return (x) => [x, x + t.max];
    const l = Math.max(t.lower, 1 / t.upper);
    return (x) => [x, x / l];
  }
  if (convention === 'vs_reference' && reference?.kind === 'best') {
    const higher = BETTER[metric] !== 'lower';
    if (t.kind === 'difference') return higher ? (x) => [x - t.max, x] : (x) => [x, x + t.max];
    return higher ? (x) => [t.lower * x, x] : (x) => [x, t.upper * x];
  }
  // to_overall (loose) and anchored references.
  return t.kind === 'difference' ? (x) => [x - t.max, x + t.max] : (x) => [t.lower * x, t.upper * x];
}

/** Per group and metric: candidate cuts in a searchable order, with a range-argmax over their objective. */
interface Index {
  /** Single metric: cut indices sorted by value; pair: identity (cut order). */
  ks: Int32Array;
  vals: Float64Array[];
  argmax: RangeArgmax;
}

function buildIndex(ctx: SearchCtx, c: Curve): Index {
  const m = c.thr.length;
  if (ctx.metrics.length === 1) {
    const metric = ctx.metrics[0]!;
    // Cuts where the metric is undefined are not candidates: a group must not dodge predictive parity by getting no
    // offers at all (precision of an empty selection is undefined, and the check would then skip the group).
    const ks = Int32Array.from({ length: m }, (_, k) => k).filter((k) => metricAt(c, k, metric) !== null);
    ks.sort((a, b) => metricAt(c, a, metric)! - metricAt(c, b, metric)! || a - b);
    const vals = Float64Array.from(ks, (k) => metricAt(c, k, metric)!);
    return { ks, vals: [vals], argmax: new RangeArgmax(Float64Array.from(ks, (k) => gainAt(c, k, ctx.o.objective))) };
  }
  // Equalized odds: TPR and FPR never fall as k grows, so cut order is sorted for both. A metric that is undefined
  // for the group (no churners: TPR; no stayers: FPR) reads 0 here and is not banded (see query).
  const ks = Int32Array.from({ length: m }, (_, k) => k);
  const vals = ctx.metrics.map((metric) => Float64Array.from(ks, (k) => metricAt(c, k, metric) ?? 0));
  return { ks, vals, argmax: new RangeArgmax(Float64Array.from(ks, (k) => gainAt(c, k, ctx.o.objective))) };
}

/** Best cut of group g with every banded metric inside its band, or −1. */
function query(ix: Index, c: Curve, metrics: GroupMetric[], bands: ([number, number] | null)[]): number {
  let a = 0;
  let b = ix.ks.length - 1;
  for (let j = 0; j < bands.length; j++) {
    const band = bands[j];
    if (!band || (metrics.length > 1 && metricAt(c, 0, metrics[j]!) === null)) continue;
    const v = ix.vals[j]!;
    a = Math.max(a, lowerBound(v, band[0]));
    b = Math.min(b, upperBound(v, band[1]) - 1);
  }
  const i = ix.argmax.query(a, b);
  return i < 0 ? -1 : ix.ks[i]!;
}

/** The first i in [0, n) where a monotone predicate turns true (n if never). */
function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Distinct values, thinned evenly to at most `max`. */
function levelsOf(values: number[], max: number): number[] {
  const u = [...new Set(values)].sort((a, b) => a - b);
  if (u.length <= max) return u;
  return Array.from({ length: max }, (_, i) => u[Math.round((i * (u.length - 1)) / (max - 1))]!);
}

/** Keeps the best `size` distinct proposals by objective (ties: first seen), so memory stays bounded. */
class TopProposals {
  private items: { obj: number; seq: number; choice: number[] }[] = [];
  private seq = 0;
  constructor(private readonly size: number) {}
  /** After a trim: anything below the size-th best can never make the list. */
  private floor = -Infinity;
  add(obj: number, choice: number[]): void {
    if (obj < this.floor) return;
    this.items.push({ obj, seq: this.seq++, choice });
    if (this.items.length >= 4 * this.size) this.trim();
  }
  private trim(): void {
    const seen = new Set<string>();
    this.items = this.items
      .sort((a, b) => b.obj - a.obj || a.seq - b.seq)
      .filter((x) => (seen.has(x.choice.join()) ? false : (seen.add(x.choice.join()), true)))
      .slice(0, this.size);
    if (this.items.length === this.size) this.floor = this.items[this.size - 1]!.obj;
  }
  list(): number[][] {
    this.trim();
    return this.items.map((x) => x.choice);
  }
}

export function propose(ctx: SearchCtx, free: boolean[]): number[][] {
  const { curves } = ctx.p;
  const idx = curves.map((c, g) => (free[g] ? buildIndex(ctx, c) : null));
  let out = new TopProposals(500);
  const lists: number[][][] = [];
  /** Every group's best cut inside the bands (kept as a proposal); its objective, or −Infinity if infeasible. */
  const tryBands = (bands: ([number, number] | null)[], fixed?: { g: number; k: number }): number => {
    const choice: number[] = [];
    for (let g = 0; g < curves.length; g++) {
      const c = curves[g]!;
      if (fixed && fixed.g === g) choice.push(fixed.k);
      else if (!idx[g]) choice.push(c.globalK);
      else {
        const k = query(idx[g]!, c, ctx.metrics, bands);
        if (k < 0) return -Infinity;
        choice.push(k);
      }
    }
    const obj = totalObjective(ctx, choice);
    out.add(obj, choice);
    return obj;
  };
  const valuesOf = (metric: GroupMetric) => curves.flatMap((c, g) => (free[g] ? Array.from(c.thr, (_, k) => metricAt(c, k, metric)).filter((v): v is number => v !== null) : []));
  const anchored = ctx.o.convention === 'vs_reference' && ctx.o.reference?.kind !== 'best';
  if (anchored) {
    // Exact over the reference group's cuts: each fixes the comparator value(s) for everyone else.
    const r = referenceIndex(ctx);
    if (r < 0) return [];
    const c = curves[r]!;
    const bands = ctx.metrics.map((m) => bandFor(ctx, m, true));
    const ks = free[r] ? Array.from(c.thr, (_, k) => k) : [c.globalK];
    for (const k of ks) tryBands(ctx.metrics.map((m, j) => (metricAt(c, k, m) === null ? null : bands[j]!(metricAt(c, k, m)!))), { g: r, k });
    return out.list();
  }
  const passes = ctx.o.convention === 'to_overall' ? [false, true] : [false];
  for (const loose of passes) {
    // One collector per pass: the strict pass always verifies, so its best proposal is never crowded out.
    if (loose) {
      lists.push(out.list());
      out = new TopProposals(500);
    }
    const bands = ctx.metrics.map((m) => bandFor(ctx, m, loose));
    if (ctx.metrics.length === 1) {
      for (const x of levelsOf(valuesOf(ctx.metrics[0]!), 4000)) tryBands([bands[0]!(x)]);
      continue;
    }
    // Two metrics (TPR, FPR), both non-decreasing along the cut order. For each TPR level x, the TPR band leaves
    // each group an index range. Only the FPR levels y whose band can meet every group's range are worth trying,
    // and that interval is usually narrow, so 100 y's inside it give a fine grid. Coordinate ascent over the full
    // level sets then polishes the best few points.
    const xs = levelsOf(valuesOf(ctx.metrics[0]!), 4000);
    const ys = levelsOf(valuesOf(ctx.metrics[1]!), 4000);
    const yIdx = ys.map((_, j) => j);
    const at = (i: number, j: number) => tryBands([bands[0]!(xs[i]!), bands[1]!(ys[j]!)]);
    const starts: { obj: number; i: number; j: number }[] = [];
    for (const i of levelsOf(xs.map((_, i) => i), 400)) {
      const [lo, hi] = bands[0]!(xs[i]!);
      let fMin = -Infinity;
      let fMax = Infinity;
      for (let g = 0; g < curves.length; g++) {
        const ix = idx[g];
        if (!ix) continue;
        // A group without churners (or without stayers) is not banded on that metric, as in query().
        const banded = (j: number) => metricAt(curves[g]!, 0, ctx.metrics[j]!) !== null;
        const a = banded(0) ? lowerBound(ix.vals[0]!, lo) : 0;
        const b = banded(0) ? upperBound(ix.vals[0]!, hi) - 1 : ix.ks.length - 1;
        if (a > b) {
          fMax = -Infinity;
          break;
        }
        if (!banded(1)) continue;
        fMin = Math.max(fMin, ix.vals[1]![a]!);
        fMax = Math.min(fMax, ix.vals[1]![b]!);
      }
      if (fMax === -Infinity) continue;
      // Bands move up with y, so the useful y's are one contiguous run of ys.
      const first = firstIndex(ys.length, (j) => bands[1]!(ys[j]!)[1] >= fMin);
      const last = firstIndex(ys.length, (j) => bands[1]!(ys[j]!)[0] > fMax) - 1;
      const js = levelsOf(yIdx.slice(first, last + 1), 100);
      for (const j of js) starts.push({ obj: at(i, j), i, j });
    }
    starts.sort((a, b) => b.obj - a.obj || a.i - b.i || a.j - b.j);
    for (const start of starts.slice(0, 5).filter((s) => s.obj > -Infinity)) {
      let { i, j, obj } = start;
      for (let round = 0; round < 4; round++) {
        const before = obj;
        for (let a = 0; a < xs.length; a++) {
          const v = at(a, j);
          if (v > obj) [obj, i] = [v, a];
        }
        for (let b = 0; b < ys.length; b++) {
          const v = at(i, b);
          if (v > obj) [obj, j] = [v, b];
        }
        if (obj === before) break;
      }
    }
  }
  return [...lists.flat(), ...out.list()];
}

/** The anchored reference group, chosen as evaluateCriterion chooses it (largest counted group, or the named one). */
function referenceIndex(ctx: SearchCtx): number {
  const ref = ctx.o.reference;
  const curves = ctx.p.curves;
  if (ref?.kind === 'group') return curves.findIndex((c) => c.name === ref.group);
  let best = -1;
  curves.forEach((c, g) => {
    if (!ctx.o.includeSmall && c.count < ctx.o.minGroupSize) return;
    const b = best < 0 ? null : curves[best]!;
    if (!b || c.count > b.count || (c.count === b.count && c.name < b.name)) best = g;
  });
  return best;
}
