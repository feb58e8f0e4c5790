// The stored evaluation of a version, reshaped for the charts, and the one-sentence readings shown under them.
// Everything here is pure so the captions can be checked against the numbers they quote.
import type { VersionReport } from './use-model-data';

export type Evaluation = NonNullable<VersionReport['evaluation']>;
export type SplitEval = Evaluation['splits']['valid'];
export type Manifest = NonNullable<VersionReport['manifest']>;
export type SplitName = 'valid' | 'test';
export const SPLIT_LABEL: Record<SplitName, string> = { valid: 'Validation', test: 'Test' };

export interface XY {
  x: number;
  y: number;
}
export interface CalBin {
  predicted: number;
  observed: number;
  count: number;
}
export interface LiftRow {
  decile: number;
  /** Share of customers contacted so far (0.1, 0.2, …). */
  share: number;
  rate: number;
  lift: number;
  /** Share of all churners found in the deciles up to this one. */
  gain: number;
}
export interface SplitCharts {
  roc: XY[];
  pr: XY[];
  calibration: CalBin[];
  lift: LiftRow[];
  baseRate: number;
  n: number;
}

export function splitCharts(s: SplitEval): SplitCharts {
  let seen = 0;
  return {
    // evaluateBinary already keeps at most MAX_CURVE_POINTS per curve, corners first.
    roc: s.roc.map((p) => ({ x: p.fpr, y: p.tpr })),
    pr: s.pr.map((p) => ({ x: p.recall, y: p.precision })),
    calibration: s.calibration.map((b) => ({ predicted: b.mean_predicted, observed: b.observed_rate, count: b.count })),
    lift: s.lift.map((d) => {
      seen += d.rows;
      return { decile: d.decile, share: seen / s.rows, rate: d.rate, lift: d.lift, gain: d.cumulative_gains_pct / 100 };
    }),
    baseRate: s.base_rate,
    n: s.rows,
  };
}

const pct = (x: number, d = 0) => `${(x * 100).toFixed(d)}%`;

export function rocCaption(s: SplitEval): string {
  return `A churner picked at random gets a higher risk score than a random stayer ${pct(s.auc)} of the time (AUC ${s.auc.toFixed(3)}); the dashed diagonal is a coin flip.`;
}

export function prCaption(s: SplitEval, threshold: number): string {
  return `At the stored threshold (${threshold.toFixed(3)}) the model finds ${pct(s.recall)} of churners, and ${pct(s.precision)} of the customers it flags really churn; flagging customers at random would hit ${pct(s.base_rate, 1)} (dashed line).`;
}

export function calibrationCaption(s: SplitEval, uncalibratedEce: number | undefined): string {
  const before = uncalibratedEce !== undefined ? ` (${pp(uncalibratedEce)} before calibration)` : '';
  // Quote a real bin near 30%: a concrete example reads better than the definition.
  const bins = s.calibration.filter((b) => b.count >= 30);
  const ex = bins.length ? bins.reduce((a, b) => (Math.abs(b.mean_predicted - 0.3) < Math.abs(a.mean_predicted - 0.3) ? b : a)) : null;
  const example = ex ? `: of the ${ex.count.toLocaleString('en-US')} test customers scored about ${pct(ex.mean_predicted)}, ${pct(ex.observed_rate)} churned` : '';
  return `Dots on the diagonal mean a score can be read as a probability${example}. Weighted by customers, scores are off by ${pp(s.ece)} on average${before}; bigger dots hold more customers.`;
}

export function liftCaption(c: SplitCharts): string {
  const top = c.lift[0];
  const third = c.lift[2];
  if (!top) return '';
  return `Of the 10% riskiest customers, ${pct(top.rate)} churned — ${top.lift.toFixed(1)}× the base rate of ${pct(c.baseRate, 1)}${third ? `; contacting the riskiest 30% reaches ${pct(third.gain)} of all churners` : ''}.`;
}

/** Percentage points, for calibration error. */
export function pp(x: number): string {
  return `${(x * 100).toFixed(1)} pp`;
}

export function historyCaption(h: Evaluation['history']): string {
  const withAuc = h.filter((r) => r.validAuc !== undefined);
  if (withAuc.length === 0) return `Training loss fell over ${h.length} rounds; no validation scores were recorded.`;
  const best = withAuc.reduce((a, b) => (b.validAuc! > a.validAuc! ? b : a));
  return `Each round adds one tree. Validation AUC peaked at ${best.validAuc!.toFixed(3)} in round ${best.round}; the version keeps the trees up to the round where validation loss was lowest, so later rounds that only fit the training data more closely are dropped.`;
}

export function importanceCaption(imp: Evaluation['importance']): string {
  const top = imp.slice(0, 3).map((i) => i.feature);
  if (top.length === 0) return '';
  const total = imp.reduce((a, i) => a + i.mean_abs_shap, 0);
  const share = total > 0 ? imp.slice(0, 3).reduce((a, i) => a + i.mean_abs_shap, 0) / total : 0;
  return `${listJoin(top)} move a customer's predicted risk the most (${pct(share)} of all feature effects); a bar is the average size of that feature's push on one customer's score, in log-odds.`;
}

export function listJoin(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
}
