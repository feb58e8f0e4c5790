// Hand-checked cases: Fairlearn's MetricFrame docstring, zero denominators, to_overall / vs_reference,
// intersections, small groups, input validation, and the bootstrap's calibration on a large group.

import { describe, expect, it } from 'vitest';
import { audit, FairnessInputError } from './audit';
import type { AuditInput } from './audit';

// fairlearn/metrics/_metric_frame.py docstring: sex = ['Female']*5 + ['Male']*5.
const FAIRLEARN: AuditInput = {
  yTrue: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0],
  yPred: [0, 1, 1, 1, 1, 0, 0, 0, 1, 1],
  sensitive: { sex: ['Female', 'Female', 'Female', 'Female', 'Female', 'Male', 'Male', 'Male', 'Male', 'Male'] },
};

describe('Fairlearn MetricFrame docstring example', () => {
  const r = audit(FAIRLEARN);
  const d = r.disparities.sex;

  it('selection rate F 0.8 / M 0.4, difference 0.4, ratio 0.5', () => {
    expect(r.by_group.sex.Female.selection_rate).toBeCloseTo(0.8, 15);
    expect(r.by_group.sex.Male.selection_rate).toBeCloseTo(0.4, 15);
    expect(d.between_groups.selection_rate).toMatchObject({ min_group: 'Male', max_group: 'Female' });
    expect(d.demographic_parity_difference).toBeCloseTo(0.4, 15);
    expect(d.demographic_parity_ratio).toBeCloseTo(0.5, 15);
  });

  it('accuracy F 0.8 / M 0.6, difference 0.2, ratio 0.75', () => {
    expect(r.by_group.sex.Female.accuracy).toBeCloseTo(0.8, 15);
    expect(r.by_group.sex.Male.accuracy).toBeCloseTo(0.6, 15);
    expect(d.between_groups.accuracy!.difference).toBeCloseTo(0.2, 15);
    expect(d.between_groups.accuracy!.ratio).toBeCloseTo(0.75, 15);
  });

  it('equalized odds: FPR of Female is undefined (no negatives), so the FPR spread is over Male alone', () => {
    expect(r.by_group.sex.Female.fpr).toBeNull();
    expect(d.between_groups.tpr).toMatchObject({ min: 0.5, max: 0.8, ratio: 0.625 });
    expect(d.between_groups.fpr).toMatchObject({ difference: 0, ratio: 1 });
    expect(d.equal_opportunity_difference).toBeCloseTo(0.3, 15);
    expect(d.equalized_odds_difference).toBeCloseTo(0.3, 15); // max(0.3, 0)
    expect(d.equalized_odds_ratio).toBeCloseTo(0.625, 15); // min(0.625, 1)
    expect(d.equalized_odds_difference_mean).toBeCloseTo(0.15, 15);
    expect(d.equalized_odds_ratio_mean).toBeCloseTo(0.8125, 15);
  });

  it('to_overall: overall selection 0.6, TPR 5/7, FPR 1/3', () => {
    expect(r.overall).toMatchObject({ selection_rate: 0.6, tpr: 5 / 7, fpr: 1 / 3 });
    const t = d.to_overall;
    expect(t.convention).toBe('to_overall');
    expect(t.demographic_parity_difference).toBeCloseTo(0.2, 15); // |0.8 − 0.6| = |0.4 − 0.6|
    expect(t.demographic_parity_ratio).toBeCloseTo(2 / 3, 15); // F 0.8/0.6 inverted = 0.75, M 0.4/0.6 = 2/3
    expect(t.equal_opportunity_difference).toBeCloseTo(3 / 14, 15); // |0.5 − 5/7|
    expect(t.equal_opportunity_ratio).toBeCloseTo(0.7, 15); // 0.5 ÷ 5/7; F: (5/7) ÷ 0.8 = 0.893
    expect(t.equalized_odds_difference).toBeCloseTo(3 / 14, 15); // FPR: Male equals overall
    expect(t.equalized_odds_ratio).toBeCloseTo(0.7, 15);
  });

  it('vs_reference: largest group (tie → first label), or the given one', () => {
    expect(d.vs_reference).toMatchObject({ convention: 'vs_reference', reference: 'Female', reference_rule: 'largest' });
    expect(d.vs_reference.ratios.Male.selection_rate).toBeCloseTo(0.5, 15);
    expect(d.vs_reference.differences.Male.selection_rate).toBeCloseTo(-0.4, 15);
    expect(d.vs_reference.ratios.Male.fpr).toBeNull(); // Female's FPR is undefined
    const m = audit({ ...FAIRLEARN, reference: { sex: 'Male' } }).disparities.sex.vs_reference;
    expect(m).toMatchObject({ reference: 'Male', reference_rule: 'given' });
    expect(m.ratios.Female.selection_rate).toBeCloseTo(2, 15);
    expect(m.ratios.Female.tpr).toBeCloseTo(1.6, 15);
    expect(m.differences.Female.accuracy).toBeCloseTo(0.2, 15);
    expect(m.ratios.Male.tpr).toBe(1);
  });

  it('labels every convention and flags the 5-row groups as small', () => {
    expect(d.convention).toBe('between_groups');
    expect(Object.keys(r.conventions)).toEqual(expect.arrayContaining(['between_groups', 'to_overall', 'vs_reference', 'equalized_odds']));
    expect(r.by_group.sex.Female.small).toBe(true);
    expect(d.small_groups).toEqual(['Female', 'Male']);
    expect(d.between_groups_excluding_small.selection_rate).toMatchObject({ min: null, difference: null, ratio: null });
    expect(audit({ ...FAIRLEARN, minGroupSize: 5 }).by_group.sex.Male.small).toBe(false);
  });
});

describe('zero denominators are null, never NaN or a throw', () => {
  // A: no positives (tpr, fnr undefined); B: no predicted positives (precision, fdr undefined).
  const r = audit({
    yTrue: [0, 0, 0, 1, 1, 0],
    yPred: [1, 0, 0, 0, 0, 0],
    yScore: [0.9, 0.2, 0.2, 0.3, 0.1, 0.3],
    sensitive: { g: ['A', 'A', 'A', 'B', 'B', 'B'] },
  });
  const { A, B } = r.by_group.g;

  it('group without positives', () => {
    expect(A.confusion).toEqual({ tp: 0, fp: 1, tn: 2, fn: 0 });
    expect(A).toMatchObject({ base_rate: 0, tpr: null, fnr: null, fpr: 1 / 3, tnr: 2 / 3, precision: 0, fdr: 1, for: 0, auc: null, calibration_ratio: null });
    expect(A.mean_score).toBeCloseTo(1.3 / 3, 15);
  });

  it('group without predicted positives', () => {
    expect(B.confusion).toEqual({ tp: 0, fp: 0, tn: 1, fn: 2 });
    expect(B).toMatchObject({ selection_rate: 0, precision: null, fdr: null, tpr: 0, fnr: 1, for: 2 / 3, accuracy: 1 / 3 });
    // AUC with a tie between the negative (0.3) and a positive (0.3): (0.5 + 0) / 2.
    expect(B.auc).toBe(0.25);
  });

  it('disparities skip undefined groups; a ratio over a zero maximum is null', () => {
    const d = r.disparities.g;
    expect(d.between_groups.tpr).toMatchObject({ min: 0, max: 0, difference: 0, ratio: null, min_group: 'B' });
    expect(d.between_groups.precision).toMatchObject({ difference: 0, ratio: null });
    expect(d.equal_opportunity_ratio).toBeNull();
    expect(d.equalized_odds_ratio).toBeNull(); // one part null → the composite is null
    expect(d.demographic_parity_ratio).toBe(0);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});

describe('intersections', () => {
  const r = audit({
    yTrue: [1, 0, 1, 0, 1, 1, 0, 0],
    yScore: [0.9, 0.1, 0.6, 0.4, 0.7, 0.2, 0.8, 0.3],
    sensitive: { age: ['65+', '65+', '18-24', '18-24', '65+', '18-24', '65+', '18-24'], gender: ['male', 'female', 'female', 'female', 'female', 'male', 'male', 'male'] },
    intersections: [['age', 'gender']],
    minGroupSize: 2,
  });

  it('uses "a&b" keys and "x&y" labels in sorted order, with counts and small flags', () => {
    expect(Object.keys(r.by_group)).toEqual(['age', 'gender', 'age&gender']);
    expect(Object.keys(r.by_group['age&gender'])).toEqual(['18-24&female', '18-24&male', '65+&female', '65+&male']);
    const counts = Object.values(r.by_group['age&gender']).map((g) => g.count);
    expect(counts).toEqual([2, 2, 2, 2]);
    expect(r.by_group['age&gender']['65+&male'].confusion).toEqual({ tp: 1, fp: 1, tn: 0, fn: 0 });
    expect(r.by_group.age['65+'].auc).toBe(0.75); // positives 0.9, 0.7 vs negatives 0.1, 0.8: 3 of 4 pairs
    expect(r.disparities['age&gender'].groups).toBe(4);
  });

  it('reference may name an intersection', () => {
    const d = audit({ ...FAIRLEARN, sensitive: { ...FAIRLEARN.sensitive, b: ['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y', 'x', 'y'] }, intersections: [['sex', 'b']], reference: { 'sex&b': 'Male&y' } });
    expect(d.disparities['sex&b'].vs_reference).toMatchObject({ reference: 'Male&y', reference_rule: 'given' });
  });
});

describe('validation: FairnessInputError names the field', () => {
  const base: AuditInput = { yTrue: [0, 1, 1], yPred: [0, 1, 0], sensitive: { region: ['n', 's', 'n'] } };
  const cases: [string, Partial<AuditInput>, string, RegExp][] = [
    ['length mismatch', { sensitive: { region: ['n', 's'] } }, 'sensitive.region', /sensitive.region has 2 rows, y_true has 3/],
    ['y_true not 0/1', { yTrue: [0, 2, 1] }, 'y_true', /y_true\[1\] is 2/],
    ['y_score out of range', { yScore: [0.1, 1.2, 0.3] }, 'y_score', /y_score\[1\]/],
    ['y_score non-finite', { yScore: [0.1, NaN, 0.3] }, 'y_score', /y_score\[1\]/],
    ['y_pred not 0/1', { yPred: [0, 1, 0.5] }, 'y_pred', /y_pred\[2\]/],
    ['neither y_score nor y_pred', { yPred: undefined }, 'y_score', /y_score .* or y_pred/],
    ['unknown intersection attribute', { intersections: [['region', 'regon']] }, 'intersections[0]', /unknown attribute 'regon'/],
    ['bootstrap n too large', { bootstrap: { n: 10_001, seed: 1 } }, 'bootstrap.n', /\[1, 10000\]/],
    ['bootstrap n zero', { bootstrap: { n: 0, seed: 1 } }, 'bootstrap.n', /bootstrap.n/],
    ['empty data', { yTrue: [], yPred: [], sensitive: { region: [] } }, 'y_true', /empty/],
    ['unknown reference group', { reference: { region: 'x' } }, 'reference.region', /'x'/],
    ['unknown reference key', { reference: { nope: 'n' } }, 'reference.nope', /nope/],
    ['ambiguous intersection label', { sensitive: { x: ['a&b', 'a', 'a'], z: ['c', 'b&c', 'c'] }, intersections: [['x', 'z']] }, 'intersections[0]', /'a&b&c' is ambiguous/],
    ['attribute name with &', { sensitive: { 'a&b': ['n', 's', 'n'] } }, 'sensitive.a&b', /contains '&'/],
    ['non-string label', { sensitive: { region: ['n', null as unknown as string, 'n'] } }, 'sensitive.region', /sensitive.region\[1\]/],
  ];
  it.each(cases)('%s', (_, patch, field, message) => {
    let err: unknown;
    try {
      audit({ ...base, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FairnessInputError);
    expect((err as FairnessInputError).field).toBe(field);
    expect((err as FairnessInputError).message).toMatch(message);
  });

  it('accepts pre-encoded columns (codes + labels), same result as strings', () => {
    const enc = audit({ ...base, sensitive: { region: { codes: Uint8Array.from([1, 0, 1]), labels: ['s', 'n'] } } });
    expect(enc.by_group).toEqual(audit(base).by_group);
  });
});

describe('bootstrap', () => {
  it('CI width of a proportion on a large group ≈ 2·1.96·sqrt(p(1−p)/n) (within 20%)', () => {
    const n = 100_000;
    const yTrue = new Uint8Array(n);
    const yPred = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      yTrue[i] = i % 10 < 3 ? 1 : 0; // base rate 0.3
      yPred[i] = (i * 7) % 20 < 5 ? 1 : 0; // selection rate 0.25
    }
    const r = audit({ yTrue, yPred, sensitive: { g: { codes: new Uint8Array(n), labels: ['all'] } }, bootstrap: { n: 1000, seed: 7 } });
    for (const [metric, p] of [['base_rate', 0.3], ['selection_rate', 0.25]] as const) {
      const [lo, hi] = r.ci!.by_group.g.all[metric]!;
      const expected = 2 * 1.96 * Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(hi - lo - expected) / expected).toBeLessThan(0.2);
      expect(lo).toBeLessThan(p);
      expect(hi).toBeGreaterThan(p);
    }
    expect(r.ci!.method).toMatch(/stratified percentile bootstrap within 1 cells/);
  });

  it('covers every group metric, intersection and disparity number; small groups never vanish', () => {
    const n = 3000;
    const score = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
    const yTrue = score.map((s, i) => ((i * 104729) % 997) / 997 < s ? 1 : 0);
    const a = score.map((_, i) => (i % 100 === 0 ? 'tiny' : i % 2 ? 'x' : 'y'));
    const b = score.map((_, i) => (i % 3 ? 'p' : 'q'));
    const r = audit({ yTrue, yScore: score, sensitive: { a, b }, intersections: [['a', 'b']], bootstrap: { n: 200, seed: 3 } });
    const ci = r.ci!;
    expect(Object.keys(ci.by_group['a&b'])).toEqual(Object.keys(r.by_group['a&b']));
    expect(ci.by_group.a.tiny.tpr).not.toBeNull(); // 30 rows, still in every replicate
    const dispNames = Object.keys(ci.disparities.a);
    expect(dispNames).toEqual(expect.arrayContaining(['demographic_parity_ratio', 'to_overall.equalized_odds_difference', 'between_groups.auc.ratio', 'between_groups_excluding_small.tpr.difference', 'vs_reference.ratios.tiny.precision']));
    const [lo, hi] = ci.overall.auc!;
    expect(lo).toBeLessThan(r.overall.auc!);
    expect(hi).toBeGreaterThan(r.overall.auc!);
  });
});

describe("Aequitas's best-off reference (vs_best)", () => {
  it('compares every group with the best-off group of each metric, ignoring small groups as the yardstick', () => {
    // a: TPR 3/4, FPR 1/4; b: TPR 1/2, FPR 2/4; c (small, 2 rows): TPR 1/1, FPR 0/1.
    const yTrue = [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0];
    const yPred = [1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0];
    const g = [...'aaaaaaaa', ...'bbbbbb', ...'cc'];
    // b has 6 rows (2 churners, 4 stayers): TPR 1/2, FPR 2/4.
    const r = audit({ yTrue, yPred, sensitive: { g }, minGroupSize: 3 });
    const best = r.disparities.g!.vs_best;
    expect(best.best.tpr).toBe('a');
    expect(best.best.fpr).toBe('a');
    expect(best.best.base_rate ?? null).toBeNull();
    expect(best.ratios.b!.tpr).toBeCloseTo(0.5 / 0.75, 12);
    expect(best.ratios.b!.fpr).toBeCloseTo(0.5 / 0.25, 12);
    expect(best.differences.c!.tpr).toBeCloseTo(1 - 0.75, 12);
    expect(best.ratios.a!.tpr).toBe(1);
  });
});
