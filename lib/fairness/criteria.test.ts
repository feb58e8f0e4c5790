import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRITERION_INFO, evaluateCriterion, suggestCriterion } from './criteria';
import type { CriterionGroup, EvaluateCriterionInput } from './criteria';
import { FairnessOptionError } from './option-error';
import { CRITERIA } from './types';

const g = (group: string, count: number, metrics: CriterionGroup['metrics'], small = false): CriterionGroup => ({ group, count, small, metrics });
// Hand-computed: TPR 0.41 / 0.47 / 0.45, overall 0.46. min/max = 0.41/0.47 = 0.8723.
const AGE = [g('65+', 100, { tpr: 0.41, fpr: 0.1 }), g('18-24', 300, { tpr: 0.47, fpr: 0.12 }), g('35-49', 200, { tpr: 0.45, fpr: 0.05 })];
const base = (over: Partial<EvaluateCriterionInput> = {}): EvaluateCriterionInput => ({
  criterion: 'equal_opportunity', convention: 'between_groups', groups: AGE, overall: { tpr: 0.46, fpr: 0.09 }, ...over,
});

describe('between_groups', () => {
  it('ratio band: the worst pair, min/max, and the brief’s sentence', () => {
    const r = evaluateCriterion(base());
    expect(r.pass).toBe(true);
    const m = r.metrics[0]!;
    expect(m.range).toMatchObject({ min: { group: '65+', value: 0.41 }, max: { group: '18-24', value: 0.47 } });
    expect(m.range!.ratio).toBeCloseTo(0.41 / 0.47, 12);
    expect(m.range!.difference).toBeCloseTo(0.06, 12);
    expect(m.worst).toMatchObject({ group: '65+', value: 0.41 });
    expect(m.worst!.ratio).toBeCloseTo(0.8723, 4);
    expect(r.summary).toBe('Equal opportunity holds within 0.80–1.25: TPR ranges from 0.41 (65+) to 0.47 (18-24), ratio 0.87.');
  });
  it('ratio band: the upper bound counts too (max/min ≤ upper)', () => {
    // min/max = 0.8723 ≥ 0.85, but max/min = 1.146 > 1.1.
    expect(evaluateCriterion(base({ tolerance: { kind: 'ratio', lower: 0.85, upper: 1.1 } })).pass).toBe(false);
    expect(evaluateCriterion(base({ tolerance: { kind: 'ratio', lower: 0.85, upper: 1.2 } })).pass).toBe(true);
  });
  it('difference tolerance: max − min against max', () => {
    const fail = evaluateCriterion(base({ tolerance: { kind: 'difference', max: 0.05 } }));
    expect(fail.pass).toBe(false);
    expect(fail.metrics[0]!.worst!.difference).toBeCloseTo(-0.06, 12);
    expect(fail.summary).toContain('difference 0.06');
    expect(fail.summary).toContain('65+');
    // 0.06 on the edge passes despite floating point (0.47 − 0.41 = 0.06000000000000005).
    expect(evaluateCriterion(base({ tolerance: { kind: 'difference', max: 0.06 } })).pass).toBe(true);
  });
  it('all-zero rates are equal (0 ÷ 0 counts as ratio 1)', () => {
    const r = evaluateCriterion(base({ groups: [g('a', 50, { tpr: 0 }), g('b', 50, { tpr: 0 })] }));
    expect(r.pass).toBe(true);
  });
});

describe('to_overall', () => {
  it('ratio: each group ÷ overall, not inverted', () => {
    const r = evaluateCriterion(base({ convention: 'to_overall' }));
    const byGroup = Object.fromEntries(r.metrics[0]!.comparisons.map((c) => [c.group, c]));
    expect(byGroup['65+']!.ratio).toBeCloseTo(0.41 / 0.46, 12);
    expect(byGroup['18-24']!.ratio).toBeCloseTo(0.47 / 0.46, 12);
    expect(r.pass).toBe(true);
    expect(evaluateCriterion(base({ convention: 'to_overall', tolerance: { kind: 'ratio', lower: 0.9, upper: 1.11 } })).pass).toBe(false);
    expect(r.summary).toContain('overall TPR of 0.46');
  });
  it('difference: |m_g − m_overall| ≤ max', () => {
    const r = evaluateCriterion(base({ convention: 'to_overall', tolerance: { kind: 'difference', max: 0.05 } }));
    expect(r.pass).toBe(true);
    expect(r.metrics[0]!.worst).toMatchObject({ group: '65+' });
    expect(r.metrics[0]!.worst!.difference).toBeCloseTo(-0.05, 12);
    expect(evaluateCriterion(base({ convention: 'to_overall', tolerance: { kind: 'difference', max: 0.04 } })).pass).toBe(false);
  });
  it('an overall value of 0 gives no ratio: outside any ratio band', () => {
    const r = evaluateCriterion(base({ convention: 'to_overall', overall: { tpr: 0 } }));
    expect(r.pass).toBe(false);
    expect(r.metrics[0]!.comparisons.every((c) => c.ratio === null)).toBe(true);
  });
  it('a null overall value cannot be judged, and says so', () => {
    const r = evaluateCriterion(base({ convention: 'to_overall', overall: { tpr: null } }));
    expect(r.verdict).toBe('not_judged');
    expect(r.pass).toBe(false);
    expect(r.summary).toContain('the data as a whole has no defined TPR');
  });
});

describe('vs_reference', () => {
  it('largest group by default', () => {
    const r = evaluateCriterion(base({ convention: 'vs_reference' }));
    expect(r.metrics[0]!.comparator).toMatchObject({ kind: 'reference', group: '18-24', value: 0.47 });
    expect(r.metrics[0]!.worst!.ratio).toBeCloseTo(0.41 / 0.47, 12);
    expect(r.summary).toContain('18-24 (largest group, TPR 0.47)');
  });
  it('named group', () => {
    const r = evaluateCriterion(base({ convention: 'vs_reference', reference: { kind: 'group', group: '35-49' }, tolerance: { kind: 'ratio', lower: 0.95, upper: 1.05 } }));
    const byGroup = Object.fromEntries(r.metrics[0]!.comparisons.map((c) => [c.group, c]));
    expect(byGroup['65+']!.ratio).toBeCloseTo(0.41 / 0.45, 12); // 0.911: outside
    expect(byGroup['18-24']!.ratio).toBeCloseTo(0.47 / 0.45, 12); // 1.044: inside
    expect(byGroup['65+']!.within).toBe(false);
    expect(byGroup['18-24']!.within).toBe(true);
    expect(() => evaluateCriterion(base({ convention: 'vs_reference', reference: { kind: 'group', group: 'nope' } }))).toThrow(FairnessOptionError);
  });
  it('best: the highest TPR, the lowest FPR (per metric)', () => {
    const r = evaluateCriterion(base({ criterion: 'equalized_odds', convention: 'vs_reference', reference: { kind: 'best' } }));
    expect(r.metrics.map((m) => m.comparator.group)).toEqual(['18-24', '35-49']);
    // FPR: 0.12 / 0.05 = 2.4 and 0.10 / 0.05 = 2.0: outside the band, reported as the worst.
    expect(r.pass).toBe(false);
    expect(r.metrics[1]!.worst).toMatchObject({ group: '18-24', value: 0.12 });
    expect(r.metrics[1]!.worst!.ratio).toBeCloseTo(2.4, 12);
    expect(r.summary).toMatch(/^Equalized odds fails .*FPR.*\(outside\)\.$/);
  });
});

describe('nulls and small groups', () => {
  it('a group with a null metric is listed, not judged, and named in the summary', () => {
    const r = evaluateCriterion(base({ groups: [...AGE, g('other', 80, { tpr: null })] }));
    expect(r.pass).toBe(true);
    expect(r.nullGroups).toEqual(['other']);
    expect(r.metrics[0]!.comparisons.map((c) => c.group)).not.toContain('other');
    expect(r.summary).toContain('Not judged (no defined TPR): other.');
  });
  it('small groups are compared and listed but left out of the verdict unless includeSmall', () => {
    const groups = [...AGE, g('tiny', 12, { tpr: 0.1 }, true)];
    const r = evaluateCriterion(base({ groups }));
    expect(r.pass).toBe(true);
    expect(r.excludedSmall).toEqual(['tiny']);
    expect(r.metrics[0]!.comparisons.find((c) => c.group === 'tiny')).toMatchObject({ small: true, counted: false, within: false });
    expect(r.summary).toContain('Left out as too small to judge: tiny (n=12).');
    const smallNull = evaluateCriterion(base({ groups: [...AGE, g('tiny', 12, { tpr: null }, true)] }));
    expect(smallNull.nullGroups).toEqual(['tiny']);
    expect(smallNull.summary).not.toContain('Not judged');
    const inc = evaluateCriterion(base({ groups, includeSmall: true }));
    expect(inc.pass).toBe(false);
    expect(inc.metrics[0]!.worst!.group).toBe('tiny');
  });
  it('minGroupSize marks groups small by count', () => {
    const r = evaluateCriterion(base({ groups: [...AGE, g('tiny', 12, { tpr: 0.1 })], minGroupSize: 30 }));
    expect(r.excludedSmall).toEqual(['tiny']);
    expect(r.pass).toBe(true);
  });
});

describe('calibration', () => {
  const cal = [
    g('a', 100, { calibration_ratio: 1.1, mean_score: 0.055, base_rate: 0.05 }),
    g('b', 100, { calibration_ratio: 0.85, mean_score: 0.051, base_rate: 0.06 }),
  ];
  it('compares calibration_ratio with 1 whatever the convention', () => {
    const r = evaluateCriterion({ criterion: 'calibration', convention: 'vs_reference', groups: cal, overall: {} });
    expect(r.pass).toBe(true);
    expect(r.metrics[0]!.comparator).toMatchObject({ kind: 'ideal', value: 1 });
    expect(r.metrics[0]!.worst!.group).toBe('b');
    const tight = evaluateCriterion({ criterion: 'calibration', convention: 'between_groups', groups: cal, overall: {}, tolerance: { kind: 'ratio', lower: 0.9, upper: 1.11 } });
    expect(tight.pass).toBe(false);
  });
  it('difference tolerance = |mean_score − base_rate|', () => {
    const r = evaluateCriterion({ criterion: 'calibration', convention: 'between_groups', groups: cal, overall: {}, tolerance: { kind: 'difference', max: 0.005 } });
    expect(r.metrics[0]!.comparisons.map((c) => c.difference)).toEqual([expect.closeTo(0.005, 12), expect.closeTo(-0.009, 12)]);
    expect(r.pass).toBe(false);
    expect(r.metrics[0]!.worst!.group).toBe('b');
  });
});

describe('properties', () => {
  const groupsArb = fc.array(fc.record({ v: fc.double({ min: 0.01, max: 1, noNaN: true }), n: fc.integer({ min: 30, max: 1000 }) }), { minLength: 2, maxLength: 8 });
  const band = fc.record({ lower: fc.double({ min: 0.5, max: 1, noNaN: true }), upper: fc.double({ min: 1, max: 2, noNaN: true }) });
  it('between_groups ratio band passes iff min/max ≥ max(lower, 1/upper)', () => {
    fc.assert(fc.property(groupsArb, band, (gs, b) => {
      const groups = gs.map((x, i) => g(`g${i}`, x.n, { tpr: x.v }));
      const r = evaluateCriterion(base({ groups, tolerance: { kind: 'ratio', ...b } }));
      const vs = gs.map((x) => x.v);
      const ratio = Math.min(...vs) / Math.max(...vs);
      const need = Math.max(b.lower, 1 / b.upper);
      if (Math.abs(ratio - need) > 1e-6) expect(r.pass).toBe(ratio >= need);
    }), { numRuns: 200, seed: 7 });
  });
  it('the verdict does not depend on the order of the groups', () => {
    fc.assert(fc.property(groupsArb, fc.constantFrom('between_groups', 'to_overall', 'vs_reference') as fc.Arbitrary<'between_groups'>, (gs, convention) => {
      const groups = gs.map((x, i) => g(`g${i}`, x.n, { tpr: x.v }));
      const a = evaluateCriterion(base({ groups, convention }));
      const b = evaluateCriterion(base({ groups: [...groups].reverse(), convention }));
      expect(b.pass).toBe(a.pass);
      expect(b.metrics[0]!.worst?.ratio).toBe(a.metrics[0]!.worst?.ratio);
    }), { numRuns: 100, seed: 8 });
  });
});

describe('criterion info and the fairness tree', () => {
  it('has plain text for every criterion', () => {
    for (const c of CRITERIA) for (const v of Object.values(CRITERION_INFO[c])) expect(v.length).toBeGreaterThan(2);
  });
  it('StreamFlow retention offers (assistive, small fraction) → equal opportunity', () => {
    const s = suggestCriterion({ intervention: 'assistive', reach: 'small_fraction' });
    expect(s).toMatchObject({ criterion: 'equal_opportunity', exact: true });
    expect(s.path.length).toBe(4);
    expect(s.path.join(' ')).toMatch(/assistive/);
  });
  it('other leaves map to the closest criterion with a note', () => {
    expect(suggestCriterion({ intervention: 'assistive', reach: 'most' })).toMatchObject({ criterion: 'fnr_parity', exact: true });
    expect(suggestCriterion({ intervention: 'assistive', reach: 'most', focus: 'not_assisted' })).toMatchObject({ leaf: 'FOR Parity', exact: false });
    const pun = suggestCriterion({ intervention: 'punitive', reach: 'small_fraction' });
    expect(pun).toMatchObject({ criterion: 'equalized_odds', leaf: 'FPR Parity', exact: false });
    expect(pun.note).toBeTruthy();
    expect(suggestCriterion({ intervention: 'punitive', reach: 'most', focus: 'intervened' })).toMatchObject({ criterion: 'predictive_parity', leaf: 'FDR Parity' });
    expect(suggestCriterion({ intervention: 'assistive', reach: 'most', basis: 'representation' }).criterion).toBe('demographic_parity');
    expect(suggestCriterion({ intervention: 'assistive', reach: 'most', trustLabels: false })).toMatchObject({ leaf: 'Counterfactual Fairness', exact: false });
  });
});
