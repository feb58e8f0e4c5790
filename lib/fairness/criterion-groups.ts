// The groups a criterion is judged on. A group is too small to judge when it has fewer rows than the minimum group
// size — or when the criterion's rates rest on too few cases: TPR and FNR on a group's churners, FPR and TNR on its
// stayers, precision and FDR on the customers it flags. A TPR measured on 9 churners has a 95% interval about ±30
// points wide; letting it decide a verdict would make the gate a coin toss. Such groups stay in every table, marked,
// and the verdict lists them as left out.
import type { CriterionGroup, Metrics } from './criteria';
import { CRITERION_METRICS, type Confusion, type Criterion, type GroupMetric } from './types';

/** Fewest cases a rate may rest on and still count in a verdict. */
export const MIN_DENOMINATOR = 20;

const DENOMINATOR: Partial<Record<GroupMetric, { of: (c: Confusion) => number; what: string }>> = {
  tpr: { of: (c) => c.tp + c.fn, what: 'churners' },
  fnr: { of: (c) => c.tp + c.fn, what: 'churners' },
  calibration_ratio: { of: (c) => c.tp + c.fn, what: 'churners' },
  fpr: { of: (c) => c.fp + c.tn, what: 'customers who stayed' },
  tnr: { of: (c) => c.fp + c.tn, what: 'customers who stayed' },
  precision: { of: (c) => c.tp + c.fp, what: 'flagged customers' },
  fdr: { of: (c) => c.tp + c.fp, what: 'flagged customers' },
};

export interface AuditGroupRow {
  count: number;
  small: boolean;
  confusion: Confusion;
}

/** One attribute's groups as evaluateCriterion takes them, with smallness judged for this criterion. */
export function criterionGroups(groups: Record<string, AuditGroupRow>, criterion: Criterion, minDenominator = MIN_DENOMINATOR): CriterionGroup[] {
  return Object.entries(groups).map(([group, g]) => {
    let smallBecause: string | undefined;
    if (!g.small) {
      for (const m of CRITERION_METRICS[criterion]) {
        const d = DENOMINATOR[m];
        const n = d ? d.of(g.confusion) : g.count;
        if (d && n < minDenominator) {
          smallBecause = `${n} ${d.what}`;
          break;
        }
      }
    }
    return { group, count: g.count, small: g.small || smallBecause !== undefined, ...(smallBecause ? { smallBecause } : {}), metrics: g as unknown as Metrics };
  });
}
