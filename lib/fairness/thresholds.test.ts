import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gainAt, metricAt } from './curves';
import { FairnessOptionError } from './option-error';
import { optimizeThresholds, prepare } from './thresholds';
import type { ThresholdOptions } from './thresholds';
import type { Tolerance } from './types';
import { countsAt, permute, rng, synthetic } from './synthetic.testing';
import type { SyntheticGroup } from './synthetic.testing';

// A: well-separated scores. B: the model under-scores it and separates it worse, with half the base rate. At the
// global threshold 0.5, B's churners are found far less often than A's (TPR ratio ≈ 0.2).
const UNFAIR: SyntheticGroup[] = [
  { name: 'A', n: 3000, baseRate: 0.2, intercept: -2 },
  { name: 'B', n: 2500, baseRate: 0.1, intercept: -2.5, separation: 1.5 },
];
const rows = synthetic(UNFAIR, 42);
const EO: ThresholdOptions = { criterion: 'equal_opportunity', convention: 'between_groups', globalThreshold: 0.5 };

/** Brute force: the best objective each group can reach on its own, over every threshold (= the unconstrained optimum). */
function unconstrainedOptimum(objective: 'accuracy' | 'profit'): number {
  let total = 0;
  rows.groupNames.forEach((_, g) => {
    const gains: { s: number; v: number }[] = [];
    for (let i = 0; i < rows.scores.length; i++) {
      if (rows.groups[i] !== g) continue;
      const y = rows.labels[i]!;
      const v = objective === 'accuracy' ? (y ? 1 : -1) : y ? 0.3 * (12 * rows.monthlyCharges[i]! - 10) - 1 : -11;
      gains.push({ s: rows.scores[i]!, v });
    }
    gains.sort((a, b) => b.s - a.s);
    let run = 0;
    let best = 0;
    gains.forEach((x, i) => {
      run += x.v;
      if (i === gains.length - 1 || gains[i + 1]!.s !== x.s) best = Math.max(best, run);
    });
    total += best;
  });
  return total;
}

describe('per-group thresholds fix a TPR disparity', () => {
  for (const objective of ['accuracy', 'profit'] as const) {
    it(`${objective}: the returned thresholds, recomputed independently, meet the tolerance`, () => {
      const r = optimizeThresholds(rows, { ...EO, objective });
      expect(r.checkBefore.pass).toBe(false);
      expect(r.disparityBefore.ratio!).toBeLessThan(0.5);
      expect(r.status).toBe('optimized');
      expect(r.feasible).toBe(true);
      const tprA = countsAt(rows, 0, r.thresholds.A!).tpr;
      const tprB = countsAt(rows, 1, r.thresholds.B!).tpr;
      expect(Math.min(tprA, tprB) / Math.max(tprA, tprB)).toBeGreaterThanOrEqual(0.8 - 1e-9);
      expect(r.perGroup.map((g) => g.after.rates.tpr)).toEqual([tprA, tprB]);
      expect(r.disparityAfter.ratio!).toBeCloseTo(Math.min(tprA, tprB) / Math.max(tprA, tprB), 12);
      expect(r.checkAfter.pass).toBe(true);
      // Never above what each group could reach on its own.
      expect(r.objective).toBeLessThanOrEqual(unconstrainedOptimum(objective) + 1e-6);
      // B is under-scored, so it needs the lower threshold.
      expect(r.thresholds.B!).toBeLessThan(r.thresholds.A!);
    });
  }
  it('reports totals that match an independent recount', () => {
    const r = optimizeThresholds(rows, { ...EO, objective: 'profit' });
    let profit = 0;
    let right = 0;
    for (let i = 0; i < rows.scores.length; i++) {
      const t = r.thresholds[rows.groupNames[rows.groups[i]!]!]!;
      const contact = rows.scores[i]! >= t;
      const y = rows.labels[i]!;
      if (contact) profit += y ? 0.3 * (12 * rows.monthlyCharges[i]! - 10) - 1 : -11;
      if (contact === (y === 1)) right++;
    }
    expect(r.after.profit!).toBeCloseTo(profit, 6);
    expect(r.objective).toBeCloseTo(profit, 6);
    expect(r.after.accuracy!).toBeCloseTo(right / rows.scores.length, 12);
    expect(r.before.objective).toBe(r.objectiveBefore);
  });
  it('equalized odds: TPR and FPR both within the band, recomputed', () => {
    const r = optimizeThresholds(rows, { ...EO, criterion: 'equalized_odds', objective: 'profit' });
    expect(r.feasible).toBe(true);
    const a = countsAt(rows, 0, r.thresholds.A!);
    const b = countsAt(rows, 1, r.thresholds.B!);
    expect(Math.min(a.tpr, b.tpr) / Math.max(a.tpr, b.tpr)).toBeGreaterThanOrEqual(0.8 - 1e-9);
    expect(Math.min(a.fpr, b.fpr) / Math.max(a.fpr, b.fpr)).toBeGreaterThanOrEqual(0.8 - 1e-9);
  });
  it('every convention and tolerance kind gives a result that passes the audit’s own check', () => {
    const variants: Partial<ThresholdOptions>[] = [
      { convention: 'to_overall' }, { convention: 'vs_reference' }, { convention: 'vs_reference', reference: { kind: 'best' } },
      { convention: 'vs_reference', reference: { kind: 'group', group: 'B' } }, { tolerance: { kind: 'difference', max: 0.05 } },
      { convention: 'to_overall', tolerance: { kind: 'difference', max: 0.03 } }, { criterion: 'demographic_parity' },
      { criterion: 'predictive_parity' }, { criterion: 'fnr_parity' }, { criterion: 'equalized_odds', convention: 'vs_reference' },
    ];
    for (const v of variants) {
      const r = optimizeThresholds(rows, { ...EO, objective: 'profit', ...v });
      expect(r.status, JSON.stringify(v)).toBe('optimized');
      expect(r.checkAfter.pass, JSON.stringify(v)).toBe(true);
      expect(r.objective).toBeLessThanOrEqual(unconstrainedOptimum('profit') + 1e-6);
    }
  });
  it('never does worse than the global threshold when that already passes', () => {
    const loose = optimizeThresholds(rows, { ...EO, tolerance: { kind: 'ratio', lower: 0.1, upper: 10 } });
    expect(loose.checkBefore.pass).toBe(true);
    expect(loose.objective).toBeGreaterThanOrEqual(loose.objectiveBefore);
  });
});

describe('optimality against brute force over every pair of cuts', () => {
  it('single metric (exact by construction) and equalized odds (2-D search)', () => {
    for (const seed of [1, 2, 3]) {
      const small = synthetic([{ name: 'A', n: 160, baseRate: 0.3, intercept: -1.5 }, { name: 'B', n: 140, baseRate: 0.2, intercept: -2, separation: 1.5 }], seed);
      for (const criterion of ['equal_opportunity', 'predictive_parity', 'equalized_odds'] as const) {
        for (const tolerance of [{ kind: 'ratio', lower: 0.8, upper: 1.25 }, { kind: 'difference', max: 0.05 }] as Tolerance[]) {
          const o: ThresholdOptions = { criterion, convention: 'between_groups', tolerance, globalThreshold: 0.5, objective: 'profit', minGroupSize: 10 };
          const [a, b] = prepare(small, o).curves;
          const metrics = criterion === 'equalized_odds' ? (['tpr', 'fpr'] as const) : criterion === 'equal_opportunity' ? (['tpr'] as const) : (['precision'] as const);
          const ok = (x: number | null, y: number | null) => {
            if (x === null || y === null) return false;
            const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
            return tolerance.kind === 'ratio' ? hi === 0 || lo / hi >= 0.8 - 1e-12 : hi - lo <= tolerance.max + 1e-12;
          };
          let best = -Infinity;
          for (let i = 0; i < a!.thr.length; i++) {
            for (let j = 0; j < b!.thr.length; j++) {
              if (metrics.every((m) => ok(metricAt(a!, i, m), metricAt(b!, j, m)))) best = Math.max(best, gainAt(a!, i, 'profit') + gainAt(b!, j, 'profit'));
            }
          }
          expect(optimizeThresholds(small, o).objective, `${seed} ${criterion} ${tolerance.kind}`).toBeCloseTo(best, 9);
        }
      }
    }
  });
});

describe('identical groups', () => {
  it('exact copies get equal thresholds, and the disparity stays 1', () => {
    const one = synthetic([{ name: 'A', n: 2000, baseRate: 0.15, intercept: -2 }], 3);
    const n = one.scores.length;
    const twin = {
      scores: Float64Array.from([...one.scores, ...one.scores]),
      labels: Uint8Array.from([...one.labels, ...one.labels]),
      groups: Int32Array.from({ length: 2 * n }, (_, i) => (i < n ? 0 : 1)),
      groupNames: ['A', 'A2'],
      monthlyCharges: Float64Array.from([...one.monthlyCharges, ...one.monthlyCharges]),
    };
    for (const criterion of ['equal_opportunity', 'equalized_odds', 'predictive_parity'] as const) {
      const r = optimizeThresholds(twin, { ...EO, criterion, objective: 'profit' });
      expect(r.thresholds.A).toBe(r.thresholds.A2);
      expect(r.disparityBefore.ratio).toBe(1);
      expect(r.disparityAfter.ratio).toBe(1);
    }
  });
  it('independent samples of one population get near-equal thresholds', () => {
    const same = synthetic([{ name: 'A', n: 20000, baseRate: 0.15, intercept: -2 }, { name: 'B', n: 20000, baseRate: 0.15, intercept: -2 }], 9);
    const r = optimizeThresholds(same, { ...EO, objective: 'profit' });
    expect(Math.abs(r.thresholds.A! - r.thresholds.B!)).toBeLessThan(0.05);
    expect(r.disparityAfter.ratio!).toBeGreaterThan(0.95);
  });
});

describe('edge cases', () => {
  it('an infeasible criterion is reported, not thrown, and keeps the global threshold', () => {
    // Scores carry no information: every cut of a group has the group's base rate as precision (0.2 vs 0.5).
    const flat = { scores: new Float64Array(400).fill(0.5), labels: Uint8Array.from({ length: 400 }, (_, i) => (i < 200 ? +(i % 5 === 0) : +(i % 2 === 0))), groups: Int32Array.from({ length: 400 }, (_, i) => +(i >= 200)), groupNames: ['low', 'high'] };
    const r = optimizeThresholds(flat, { ...EO, criterion: 'predictive_parity' });
    expect(r.status).toBe('infeasible');
    expect(r.feasible).toBe(false);
    expect(r.reason).toMatch(/global threshold is kept/);
    expect(r.thresholds).toEqual({ low: 0.5, high: 0.5 });
    expect(r.objective).toBe(r.objectiveBefore);
  });
  it('calibration is not applicable', () => {
    const r = optimizeThresholds(rows, { ...EO, criterion: 'calibration' });
    expect(r.status).toBe('not_applicable');
    expect(r.thresholds).toEqual({ A: 0.5, B: 0.5 });
  });
  it('small groups keep the global threshold unless includeSmall', () => {
    const withSmall = synthetic([...UNFAIR, { name: 'tiny', n: 20, baseRate: 0.3, intercept: -3 }], 5);
    const r = optimizeThresholds(withSmall, { ...EO, objective: 'profit' });
    const tiny = r.perGroup.find((g) => g.group === 'tiny')!;
    expect(tiny).toMatchObject({ small: true, kept: 'small', threshold: 0.5 });
    expect(r.checkAfter.excludedSmall).toEqual(['tiny']);
    const inc = optimizeThresholds(withSmall, { ...EO, objective: 'profit', includeSmall: true });
    expect(inc.perGroup.find((g) => g.group === 'tiny')!.kept).toBeNull();
    expect(inc.checkAfter.pass).toBe(inc.feasible);
  });
  it('a group with no churners keeps the global threshold for TPR parity', () => {
    const r = optimizeThresholds({ ...rows, labels: Uint8Array.from(rows.labels, (y, i) => (rows.groups[i] === 1 ? 0 : y)) }, EO);
    expect(r.perGroup[1]).toMatchObject({ kept: 'undefined_metric', threshold: 0.5 });
    expect(r.checkAfter.nullGroups).toEqual(['B']);
  });
  it('equalized odds with a group that has no churners: banded on FPR only', () => {
    const data = synthetic([...UNFAIR, { name: 'none', n: 80, baseRate: 0, intercept: -1 }], 8);
    const r = optimizeThresholds(data, { ...EO, criterion: 'equalized_odds', objective: 'profit' });
    expect(r.status).toBe('optimized');
    expect(r.perGroup[2]!.kept).toBeNull();
    expect(r.checkAfter.pass).toBe(true);
    const fprs = [0, 1, 2].map((g) => countsAt(data, g, r.thresholds[data.groupNames[g]!]!).fpr);
    expect(Math.min(...fprs) / Math.max(...fprs)).toBeGreaterThanOrEqual(0.8 - 1e-9);
    // The global threshold fails here, so its (higher) objective was never an option.
    expect(r.checkBefore.pass).toBe(false);
    expect(r.checkAfter.nullGroups).toEqual(['none']);
  });
  it('rejects bad input', () => {
    expect(() => optimizeThresholds({ ...rows, scores: Float64Array.from(rows.scores, (s, i) => (i === 3 ? 1.5 : s)) }, EO)).toThrow(FairnessOptionError);
    expect(() => optimizeThresholds({ ...rows, groupNames: ['A'] }, EO)).toThrow(/group index/);
    const { monthlyCharges: _drop, ...noCharges } = rows;
    expect(() => optimizeThresholds(noCharges, { ...EO, objective: 'profit' })).toThrow(/monthly charge/);
    // One missing charge (NaN, as the audit data stores it): profit refuses, accuracy reports profit as unknown.
    const holey = { ...rows, monthlyCharges: Float64Array.from(rows.monthlyCharges, (c, i) => (i === 7 ? Number.NaN : c)) };
    expect(() => optimizeThresholds(holey, { ...EO, objective: 'profit' })).toThrow(expect.objectContaining({ code: 'missing_charges', field: 'monthly_charges' }));
    const acc = optimizeThresholds(holey, EO);
    expect(acc.after.profit).toBeNull();
    expect(acc.thresholds).toEqual(optimizeThresholds(noCharges, EO).thresholds);
    expect(() => optimizeThresholds(rows, { ...EO, tolerance: { kind: 'ratio', lower: 1.2, upper: 1.5 } })).toThrow(FairnessOptionError);
  });
});

describe('determinism', () => {
  it('same input, same output', () => {
    const o: ThresholdOptions = { ...EO, criterion: 'equalized_odds', objective: 'profit' };
    expect(optimizeThresholds(rows, o)).toEqual(optimizeThresholds(rows, o));
  });
  it('row order does not matter (property)', () => {
    const arb = fc.record({
      seed: fc.integer({ min: 1, max: 1e6 }),
      permSeed: fc.integer({ min: 1, max: 1e6 }),
      decimals: fc.constantFrom(1, 2, 3),
      criterion: fc.constantFrom('equal_opportunity', 'equalized_odds', 'predictive_parity', 'demographic_parity') as fc.Arbitrary<'equal_opportunity'>,
      convention: fc.constantFrom('between_groups', 'to_overall', 'vs_reference') as fc.Arbitrary<'between_groups'>,
    });
    fc.assert(fc.property(arb, ({ seed, permSeed, decimals, criterion, convention }) => {
      const data = synthetic([
        { name: 'x', n: 120, baseRate: 0.3, intercept: -1, decimals },
        { name: 'y', n: 90, baseRate: 0.2, intercept: -1.5, separation: 1.5, decimals },
        { name: 'z', n: 60, baseRate: 0.25, intercept: -1.2, decimals },
      ], seed);
      const rand = rng(permSeed);
      const order = Array.from({ length: data.scores.length }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const o: ThresholdOptions = { criterion, convention, globalThreshold: 0.4, objective: 'profit', minGroupSize: 10 };
      expect(optimizeThresholds(permute(data, order), o)).toEqual(optimizeThresholds(data, o));
    }), { numRuns: 40, seed: 2026 });
  });
});
