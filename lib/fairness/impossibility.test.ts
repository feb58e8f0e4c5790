import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chouldechova, impliedFpr, kleinbergText } from './impossibility';
import type { Confusion } from './types';

/** A group's rates from its confusion matrix, as the audit engine computes them (null on a zero denominator). */
function rates(group: string, c: Confusion) {
  const n = c.tp + c.fp + c.tn + c.fn;
  const div = (a: number, b: number) => (b > 0 ? a / b : null);
  return { group, count: n, base_rate: div(c.tp + c.fn, n), precision: div(c.tp, c.tp + c.fp), fnr: div(c.fn, c.fn + c.tp), fpr: div(c.fp, c.fp + c.tn) };
}

const confusion = fc.record({ tp: fc.integer({ min: 0, max: 5000 }), fp: fc.integer({ min: 0, max: 5000 }), tn: fc.integer({ min: 0, max: 50000 }), fn: fc.integer({ min: 0, max: 5000 }) });

describe('Chouldechova’s identity', () => {
  it('reproduces the observed FPR on every group’s own confusion matrix', () => {
    fc.assert(fc.property(confusion, (c) => {
      const g = rates('g', c);
      const implied = impliedFpr(g.base_rate, g.precision, g.fnr);
      if (implied === null) {
        // Undefined exactly when p is 1, PPV is 0 or undefined, or there are no positives.
        expect(c.tp === 0 || c.fp + c.tn === 0).toBe(true);
      } else {
        expect(implied).toBeCloseTo(g.fpr!, 12);
      }
    }), { numRuns: 500, seed: 11 });
  });
  it('is null when PPV = 0 or p = 1, and with missing inputs', () => {
    expect(impliedFpr(0.1, 0, 0.5)).toBeNull();
    expect(impliedFpr(1, 0.5, 0.5)).toBeNull();
    expect(impliedFpr(null, 0.5, 0.5)).toBeNull();
    expect(impliedFpr(0.2, 0.5, null)).toBeNull();
    expect(impliedFpr(0, 0.5, 0.5)).toBe(0);
  });
  it('hand-computed: p = 0.2, PPV = 0.5, FNR = 0.25 → FPR = 0.25 · 1 · 0.75', () => {
    expect(impliedFpr(0.2, 0.5, 0.25)).toBeCloseTo(0.1875, 15);
  });
  it('with PPV and FNR equalised, unequal base rates force unequal FPRs', () => {
    const a = rates('18-24', { tp: 300, fp: 400, tn: 9000, fn: 300 }); // p = 0.06
    const b = rates('65+', { tp: 200, fp: 300, tn: 9100, fn: 400 }); // p = 0.06
    const c = rates('35-49', { tp: 150, fp: 300, tn: 9400, fn: 150 }); // p = 0.03
    const r = chouldechova([a, b, c]);
    expect(r.equalised.source).toBe('pooled');
    // Pooled: tp 650, fp 1000, fn 850.
    expect(r.equalised.precision).toBeCloseTo(650 / 1650, 12);
    expect(r.equalised.fnr).toBeCloseTo(850 / 1500, 12);
    for (const row of r.groups) expect(row.fpr_implied).toBeCloseTo(row.fpr_observed!, 12);
    const k = ((1 - 650 / 1650) / (650 / 1650)) * (1 - 850 / 1500);
    expect(r.groups[0]!.fpr_if_equalised).toBeCloseTo((0.06 / 0.94) * k, 12);
    expect(r.groups[2]!.fpr_if_equalised).toBeCloseTo((0.03 / 0.97) * k, 12);
    expect(r.range!.min.group).toBe('35-49');
    expect(r.text).toContain('35-49, base rate 3.0%');
    expect(r.text).toContain('cannot both hold');
  });
  it('uses given overall values and is null-safe', () => {
    const r = chouldechova([rates('a', { tp: 10, fp: 10, tn: 80, fn: 0 }), { group: 'empty', count: 0, base_rate: null, precision: null, fnr: null, fpr: null }], { precision: 0.5, fnr: 0.2 });
    expect(r.equalised).toEqual({ precision: 0.5, fnr: 0.2, source: 'given' });
    expect(r.groups[1]).toMatchObject({ fpr_implied: null, fpr_if_equalised: null });
    expect(r.groups[0]!.fpr_if_equalised).toBeCloseTo((0.1 / 0.9) * 1 * 0.8, 12);
    expect(chouldechova([]).text).toContain('cannot be evaluated');
  });
});

describe('kleinbergText', () => {
  it('names the lowest and highest base rate', () => {
    const t = kleinbergText([{ group: '18-24', base_rate: 0.059 }, { group: '35-49', base_rate: 0.05 }, { group: '65+', base_rate: 0.043 }], { auc: 0.812 });
    expect(t).toMatch(/^Base rates range from 4\.3% \(65\+\) to 5\.9% \(18-24\)\./);
    expect(t).toContain('imperfect model (AUC 0.81)');
    expect(t).toContain('cannot all hold');
  });
  it('equal base rates: the trade-off does not bind', () => {
    expect(kleinbergText([{ group: 'a', base_rate: 0.05 }, { group: 'b', base_rate: 0.05 }])).toContain('does not bind');
  });
  it('too few groups with a base rate', () => {
    expect(kleinbergText([{ group: 'a', base_rate: 0.05 }, { group: 'b', base_rate: null }])).toContain('fewer than two groups');
  });
});
