import { describe, expect, it } from 'vitest';
import { optimizeThresholds } from './thresholds';
import type { ThresholdOptions } from './thresholds';
import { tradeoff } from './tradeoff';
import { synthetic } from './synthetic.testing';

const rows = synthetic([
  { name: 'A', n: 3000, baseRate: 0.2, intercept: -2 },
  { name: 'B', n: 2500, baseRate: 0.1, intercept: -2.5, separation: 1.5 },
], 42);
const EO: ThresholdOptions = { criterion: 'equal_opportunity', convention: 'between_groups', globalThreshold: 0.5, objective: 'profit' };

describe('tradeoff', () => {
  const points = tradeoff(rows, EO);
  it('lists the current, best single, unconstrained and five constrained options', () => {
    expect(points.map((p) => p.kind)).toEqual(['current', 'best_single', 'unconstrained', 'constrained', 'constrained', 'constrained', 'constrained', 'constrained']);
    expect(points[0]!.thresholds).toEqual({ A: 0.5, B: 0.5 });
    const single = Object.values(points[1]!.thresholds!);
    expect(single[0]).toBe(single[1]);
    expect(points[1]!.objective!).toBeGreaterThanOrEqual(points[0]!.objective!);
    expect(points.map((p) => p.label)).toContain('Ratio ≥ 0.80');
  });
  it('no option beats the unconstrained per-group optimum; tighter tolerance never pays more', () => {
    const ceiling = points[2]!.objective!;
    const constrained = points.filter((p) => p.kind === 'constrained');
    for (const p of constrained) {
      expect(p.feasible).toBe(true);
      expect(p.objective!).toBeLessThanOrEqual(ceiling + 1e-6);
      expect(p.disparity!).toBeGreaterThanOrEqual((p.tolerance as { lower: number }).lower - 1e-9);
    }
    for (let i = 1; i < constrained.length; i++) expect(constrained[i]!.objective!).toBeLessThanOrEqual(constrained[i - 1]!.objective! + 1e-6);
    // `pass` is judged under the chosen tolerance (0.8–1.25), whatever tolerance the point was solved under.
    expect(constrained.map((p) => p.pass)).toEqual(constrained.map((p) => p.disparity! >= 0.8 - 1e-9));
  });
  it('the constrained point at the chosen tolerance is what optimizeThresholds returns', () => {
    const r = optimizeThresholds(rows, EO);
    const p = points.find((x) => x.label === 'Ratio ≥ 0.80')!;
    expect(p.objective).toBe(r.objective);
    expect(p.thresholds).toEqual(r.thresholds);
    expect(p.profit).toBe(r.after.profit);
    expect(p.accuracy).toBe(r.after.accuracy);
  });
  it('uses a difference ladder for a difference tolerance, and reports accuracy without charges', () => {
    const { monthlyCharges: _drop, ...noCharges } = rows;
    const d = tradeoff(noCharges, { ...EO, objective: 'accuracy', tolerance: { kind: 'difference', max: 0.05 } });
    expect(d.filter((p) => p.kind === 'constrained').map((p) => p.label)).toEqual(['Difference ≤ 0.2', 'Difference ≤ 0.1', 'Difference ≤ 0.05', 'Difference ≤ 0.02', 'Difference ≤ 0.01']);
    for (const p of d.filter((x) => x.feasible)) {
      expect(p.profit).toBeNull();
      expect(p.accuracy!).toBeGreaterThan(0.5);
    }
  });
  it('calibration: only the fixed options (thresholds cannot calibrate)', () => {
    expect(tradeoff(rows, { ...EO, criterion: 'calibration' }).map((p) => p.kind)).toEqual(['current', 'best_single', 'unconstrained']);
  });
});
