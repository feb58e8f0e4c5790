// EMP as a model-selection metric: what the training pipeline logs beside AUC on every candidate run (val_emp,
// test_emp) and the registry's versions table shows. AUC ranks models by how well they order customers; EMP by what
// that order is worth to StreamFlow's retention campaign at its best threshold — dollars per scored customer,
// averaged over the uncertain acceptance rate (emp.ts). Economics: StreamFlow's defaults (lib/serving/action.ts),
// CLV_i = 12 × the customer's monthly charge, d = $10, f = $1, and Verbraken et al.'s γ ~ Beta(6, 14).
//
// EMP reads only the ranking and the labels (not the probabilities' calibration), so it is comparable across the
// calibrated tree ensembles and the logistic baseline.
import { emp } from './emp';
import { DEFAULT_ROI_INPUTS } from './inputs';

export const EMP_METRIC = { clvMonths: 12, offerCost: DEFAULT_ROI_INPUTS.offerCost, contactCost: DEFAULT_ROI_INPUTS.contactCost, alpha: 6, beta: 14 } as const;

/**
 * Per-customer EMP (USD) of `scores` on labelled rows; null when some row has no monthly charge to value the
 * customer by (rows from elsewhere than the generator may lack it), rather than inventing a value.
 */
export function churnEmp(scores: ArrayLike<number>, labels: ArrayLike<number>, monthlyCharges: ArrayLike<number | null | undefined>): number | null {
  const clv = new Float64Array(monthlyCharges.length);
  for (let i = 0; i < monthlyCharges.length; i++) {
    const c = monthlyCharges[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) return null;
    clv[i] = c * EMP_METRIC.clvMonths;
  }
  return emp({ scores, labels, clv, offerCost: EMP_METRIC.offerCost, contactCost: EMP_METRIC.contactCost, alpha: EMP_METRIC.alpha, beta: EMP_METRIC.beta }).emp;
}
