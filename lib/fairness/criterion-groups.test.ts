// Smallness is judged per criterion: a group with plenty of rows but few churners cannot decide a TPR verdict, while
// its FPR (on the many who stayed) still can.
import { describe, expect, it } from 'vitest';
import { evaluateCriterion } from './criteria';
import { criterionGroups } from './criterion-groups';

const row = (tp: number, fn: number, fp: number, tn: number, small = false) => {
  const count = tp + fn + fp + tn;
  return { count, small, confusion: { tp, fp, tn, fn }, tpr: tp / (tp + fn), fpr: fp / (fp + tn), selection_rate: (tp + fp) / count };
};
const groups = { big: row(40, 60, 50, 850), fewChurners: row(2, 7, 20, 271), tiny: row(1, 1, 1, 10, true) };

describe('criterion groups', () => {
  it('leaves out a group whose criterion rate rests on fewer than MIN_DENOMINATOR cases, saying why', () => {
    const eo = criterionGroups(groups, 'equal_opportunity');
    expect(eo.find((g) => g.group === 'fewChurners')).toMatchObject({ small: true, smallBecause: '9 churners' });
    expect(eo.find((g) => g.group === 'big')!.small).toBe(false);
    expect(eo.find((g) => g.group === 'tiny')).toMatchObject({ small: true });
    expect(eo.find((g) => g.group === 'tiny')!.smallBecause).toBeUndefined();
    const r = evaluateCriterion({ criterion: 'equal_opportunity', convention: 'between_groups', groups: eo, overall: {} });
    expect(r.excludedSmall.sort()).toEqual(['fewChurners', 'tiny']);
    expect(r.summary).toContain('fewChurners (9 churners)');
    expect(r.summary).toContain('tiny (n=13)');
  });

  it('judges the same group on a rate with enough cases', () => {
    expect(criterionGroups(groups, 'demographic_parity').find((g) => g.group === 'fewChurners')!.small).toBe(false);
    const odds = criterionGroups({ g: row(30, 0, 5, 10) }, 'equalized_odds');
    expect(odds[0]).toMatchObject({ small: true, smallBecause: '15 customers who stayed' });
  });
});
