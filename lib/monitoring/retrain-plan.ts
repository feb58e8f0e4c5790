// Which labelled months a retraining uses: the newest usable month is held out as the comparison window, the one
// before it calibrates the model and sets its threshold, and up to eight months before that are the training data
// (eight, as for the shipped model's split). Pure, so the rules are tested without a database.
import type { LabelledMonth } from '@/db/queries/retrain-data';
import type { SplitSpec } from '@/lib/ml/pipeline/dataset';

/** Training months at most: eight, like the shipped model's split — enough seasons of behaviour, recent enough to matter. */
export const MAX_TRAIN_MONTHS = 8;
/** train + validation + comparison. */
export const MIN_LABELLED_MONTHS = 3;
/**
 * A month counts as labelled with at least this many labelled rows and both outcomes: validation fits the
 * calibration and the threshold on it, and the comparison month's AUC must mean something.
 */
export const MIN_MONTH_ROWS = 500;
/**
 * …and with labels for at least this share of the customers scored that month. Outcomes arrive over the 30 days
 * after a month, so the newest month is often partly labelled, and an early, partial sample is not the month.
 */
export const MIN_MONTH_COVERAGE = 0.5;

export interface PlanOptions {
  maxTrainMonths?: number;
  minRows?: number;
  minCoverage?: number;
}

export interface RetrainingPlan {
  /** 'YYYY-MM', oldest first. */
  train: string[];
  /** Calibration (Platt) and the decision threshold. */
  valid: string;
  /** The newest labelled month: held out of training, the champion-vs-challenger comparison window. */
  test: string;
  split: SplitSpec;
  /** Months with labels that were not usable, and why. */
  skipped: { month: string; reason: string }[];
}

export type PlanResult = { ok: true; plan: RetrainingPlan } | { ok: false; reason: string; skipped: RetrainingPlan['skipped'] };

type MonthInput = string | Pick<LabelledMonth, 'month' | 'rows' | 'positives'> & { predictions?: number };

/**
 * Newest usable labelled month = test (the comparison window), the one before = validation, up to
 * `maxTrainMonths` (8) before that = training. Refuses, with the reason, when fewer than 3 usable months exist.
 * Plain month strings are taken as usable; counted months must pass MIN_MONTH_ROWS / MIN_MONTH_COVERAGE.
 */
export function planRetraining(labeledMonths: readonly MonthInput[], opts: PlanOptions = {}): PlanResult {
  const maxTrain = opts.maxTrainMonths ?? MAX_TRAIN_MONTHS;
  const minRows = opts.minRows ?? MIN_MONTH_ROWS;
  const minCoverage = opts.minCoverage ?? MIN_MONTH_COVERAGE;
  if (!(Number.isInteger(maxTrain) && maxTrain >= 1)) throw new RangeError('maxTrainMonths must be an integer ≥ 1');
  const byMonth = new Map<string, MonthInput>();
  for (const m of labeledMonths) {
    const key = typeof m === 'string' ? m : m.month;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) throw new RangeError(`months are 'YYYY-MM', got "${key}"`);
    byMonth.set(key, m);
  }
  const skipped: RetrainingPlan['skipped'] = [];
  const usable: string[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const m = byMonth.get(month)!;
    if (typeof m !== 'string') {
      const coverage = m.predictions ? m.rows / m.predictions : 1;
      let reason: string | null = null;
      if (m.rows < minRows) reason = `${m.rows} labelled rows (at least ${minRows} needed)`;
      else if (m.positives === 0 || m.positives === m.rows) reason = `only one outcome among its ${m.rows} labels`;
      else if (coverage < minCoverage) reason = `labels for ${(coverage * 100).toFixed(0)}% of the customers scored (at least ${(minCoverage * 100).toFixed(0)}% needed)`;
      if (reason) {
        skipped.push({ month, reason });
        continue;
      }
    }
    usable.push(month);
  }
  if (usable.length < MIN_LABELLED_MONTHS) {
    const found = usable.length ? `only ${usable.length} (${usable.join(', ')})` : 'none';
    const why = skipped.length ? `; not usable: ${skipped.map((s) => `${s.month}: ${s.reason}`).join('; ')}` : '';
    return {
      ok: false,
      reason: `Retraining needs at least ${MIN_LABELLED_MONTHS} labelled months (training, validation and the comparison month); found ${found}${why}.`,
      skipped,
    };
  }
  const test = usable.at(-1)!;
  const valid = usable.at(-2)!;
  const train = usable.slice(Math.max(0, usable.length - 2 - maxTrain), -2);
  return { ok: true, plan: { train, valid, test, split: { train: [train[0]!, train.at(-1)!], valid, test }, skipped } };
}
