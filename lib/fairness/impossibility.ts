// Why the criteria cannot all hold at once, shown with this model's own numbers (shared/reference/fairness.md §5).
//
// Chouldechova (2017): inside any one group, the confusion matrix fixes
//     FPR = p/(1−p) · (1−PPV)/PPV · (1−FNR)          p = the group's base rate (prevalence)
// This is an identity, not an approximation. On the group's own counts it reproduces the observed FPR exactly (up to
// rounding), and the tests check that. The "what if" row is the useful part: suppose precision (PPV) and FNR were
// both equalised at their values on all the data. Each group's FPR would then have to be p/(1−p)·constant, so groups
// with different base rates must have different FPRs. Predictive parity and equalized odds cannot both hold.
//
// Kleinberg, Mullainathan & Raghavan (2016): calibration within groups, balance for the positive class and balance
// for the negative class can all hold together only with perfect prediction or equal base rates. kleinbergText
// states this with the model's base rates.
import { fmt, pct } from './format';

export interface ChouldechovaGroupInput {
  group: string;
  count: number;
  base_rate: number | null;
  precision: number | null;
  fnr: number | null;
  fpr: number | null;
}

export interface ChouldechovaRow {
  group: string;
  count: number;
  base_rate: number | null;
  precision: number | null;
  fnr: number | null;
  fpr_observed: number | null;
  /** The identity on the group's own p, PPV and FNR; equals fpr_observed. */
  fpr_implied: number | null;
  /** The FPR the group would need if its PPV and FNR were the equalised (overall) values. */
  fpr_if_equalised: number | null;
}

export interface ChouldechovaResult {
  groups: ChouldechovaRow[];
  /** PPV and FNR used for the "what if": the caller's overall values, or pooled from the groups' own counts. */
  equalised: { precision: number | null; fnr: number | null; source: 'given' | 'pooled' };
  /** Lowest and highest fpr_if_equalised, or null with fewer than one defined value. */
  range: { min: { group: string; value: number }; max: { group: string; value: number } } | null;
  text: string;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Chouldechova's identity. Null when an input is missing, p ∉ [0, 1), PPV ∉ (0, 1] or FNR ∉ [0, 1]. */
export function impliedFpr(p: number | null, ppv: number | null, fnr: number | null): number | null {
  if (!finite(p) || !finite(ppv) || !finite(fnr)) return null;
  if (p < 0 || p >= 1 || ppv <= 0 || ppv > 1 || fnr < 0 || fnr > 1) return null;
  return (p / (1 - p)) * ((1 - ppv) / ppv) * (1 - fnr);
}

/**
 * Overall PPV and FNR rebuilt from each group's count, p, FNR and FPR: tp = n·p·(1−FNR), fn = n·p·FNR,
 * fp = n·(1−p)·FPR. This is exact when the rates come from the groups' confusion matrices, and it needs no extra input.
 */
function pooled(groups: ChouldechovaGroupInput[]): { precision: number | null; fnr: number | null } {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const g of groups) {
    if (!finite(g.base_rate) || !finite(g.fnr) || !finite(g.fpr)) continue;
    tp += g.count * g.base_rate * (1 - g.fnr);
    fn += g.count * g.base_rate * g.fnr;
    fp += g.count * (1 - g.base_rate) * g.fpr;
  }
  return { precision: tp + fp > 0 ? tp / (tp + fp) : null, fnr: tp + fn > 0 ? fn / (tp + fn) : null };
}

export function chouldechova(groups: ChouldechovaGroupInput[], overall?: { precision: number | null; fnr: number | null }): ChouldechovaResult {
  const eq = overall ? { ...overall, source: 'given' as const } : { ...pooled(groups), source: 'pooled' as const };
  const rows: ChouldechovaRow[] = groups.map((g) => ({
    group: g.group,
    count: g.count,
    base_rate: g.base_rate,
    precision: g.precision,
    fnr: g.fnr,
    fpr_observed: g.fpr,
    fpr_implied: impliedFpr(g.base_rate, g.precision, g.fnr),
    fpr_if_equalised: impliedFpr(g.base_rate, eq.precision, eq.fnr),
  }));
  let range: ChouldechovaResult['range'] = null;
  for (const r of rows) {
    if (r.fpr_if_equalised === null) continue;
    const point = { group: r.group, value: r.fpr_if_equalised };
    if (range === null) range = { min: point, max: point };
    else {
      if (point.value < range.min.value) range.min = point;
      if (point.value > range.max.value) range.max = point;
    }
  }
  return { groups: rows, equalised: eq, range, text: chouldechovaText(rows, eq, range) };
}

function chouldechovaText(rows: ChouldechovaRow[], eq: ChouldechovaResult['equalised'], range: ChouldechovaResult['range']): string {
  if (range === null || eq.precision === null || eq.fnr === null) {
    return 'Chouldechova’s identity FPR = p/(1−p) · (1−PPV)/PPV · (1−FNR) cannot be evaluated here: base rate, precision or FNR is undefined.';
  }
  const rate = (group: string) => rows.find((r) => r.group === group)!.base_rate!;
  const head = `If precision (${fmt(eq.precision)}) and FNR (${fmt(eq.fnr)}) were the same in every group, Chouldechova’s identity FPR = p/(1−p) · (1−PPV)/PPV · (1−FNR) fixes each group’s FPR by its base rate p`;
  if (range.min.value === range.max.value) return `${head}: with equal base rates every group would have FPR ${fmt(range.min.value)}, so here the identity forces no trade-off.`;
  return (
    `${head}: it would have to range from ${fmt(range.min.value)} (${range.min.group}, base rate ${pct(rate(range.min.group))}) ` +
    `to ${fmt(range.max.value)} (${range.max.group}, base rate ${pct(rate(range.max.group))}). ` +
    'With unequal base rates, predictive parity and equal error rates (equalized odds) cannot both hold; one must give.'
  );
}

export interface KleinbergGroupInput {
  group: string;
  base_rate: number | null;
  count?: number;
}

/** One paragraph: the Kleinberg–Mullainathan–Raghavan trade-off, with this model's base rates (and AUC if given). */
export function kleinbergText(groups: KleinbergGroupInput[], options: { auc?: number | null } = {}): string {
  const known = groups.filter((g): g is KleinbergGroupInput & { base_rate: number } => finite(g.base_rate));
  const theorem =
    'Kleinberg, Mullainathan and Raghavan (2016) proved that a risk score can be calibrated within every group and also balanced ' +
    'for the positive class (churners get the same average score in every group) and for the negative class (so do stayers) ' +
    'only if the model predicts perfectly or every group has the same base rate.';
  if (known.length < 2) return `Base rates are known for fewer than two groups, so they cannot be compared. ${theorem}`;
  let lo = known[0]!;
  let hi = known[0]!;
  for (const g of known) {
    if (g.base_rate < lo.base_rate) lo = g;
    if (g.base_rate > hi.base_rate) hi = g;
  }
  if (hi.base_rate - lo.base_rate <= 1e-12) {
    return `Every group has the same base rate (${pct(lo.base_rate)}). ${theorem} With equal base rates that trade-off does not bind, so all three conditions can in principle hold together.`;
  }
  const imperfect = finite(options.auc) ? `an imperfect model (AUC ${options.auc.toFixed(2)})` : 'an imperfect model';
  return (
    `Base rates range from ${pct(lo.base_rate)} (${lo.group}) to ${pct(hi.base_rate)} (${hi.group}). ${theorem} ` +
    `With unequal base rates and ${imperfect}, calibration within groups and balance for the positive and negative class cannot all hold, ` +
    'so the fairness decision has to record which one is prioritised and why.'
  );
}
