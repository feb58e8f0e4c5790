// Alert rules over the stored windows (pure). A rule fires when `consecutive` windows of its kind in a row breach.
//
// Windows where the metric has no value yet (realized AUC before labels arrive, a feature the version lacks) are
// skipped: they neither breach nor break a run — labels arrive a month late, so the newest window of a realized
// metric is usually empty. A calendar gap (no window at all: no predictions) breaks a run.
//
// Once per streak: every maximal run of breaching windows that reaches `consecutive` opens one event, keyed by the
// window that COMPLETED it (the run's `consecutive`-th window) together with the rule, model and version (unique
// index alert_events_rule_window_uq). Later windows of the same run stay quiet; a run that starts after a
// non-breaching window or a gap fires again. The whole history is evaluated, so a streak seen late (several windows
// computed at once, labels for an old month arriving) fires exactly once under the same key as if seen on time, and
// the caller's `lastEventStart` keeps already-opened streaks from firing again.
import type { AlertMetric, AlertRule, Comparison, MonitoringWindow, WindowKind } from '@/db/monitoring-schema';
import { compare, COMPARISON_SYMBOL, METRIC_INFO, metricReading, type ReferenceForMetrics, type WindowForMetrics } from './alert-metrics';

export type RuleForEvaluation = Pick<AlertRule, 'metric' | 'feature' | 'comparison' | 'threshold' | 'consecutive' | 'windowKind'>;
export type WindowForEvaluation = WindowForMetrics & Pick<MonitoringWindow, 'kind' | 'start' | 'end'>;

export interface StreakPoint<W> {
  window: W;
  value: number;
}

export interface Firing<W extends WindowForEvaluation = WindowForEvaluation> {
  /** The window that completed the streak (the event key). */
  streakEnd: W;
  value: number;
  /** The streak's first `consecutive` windows (oldest first) and values. */
  streak: StreakPoint<W>[];
  message: string;
}

export interface Evaluation<W extends WindowForEvaluation = WindowForEvaluation> {
  /** Streaks that completed after `lastEventStart`, oldest first: one event each. */
  firings: Firing<W>[];
  /** The newest window's value that is not null (null when no window has one). */
  value: number | null;
  /** Breaching windows in a row up to the newest window with a value. */
  run: number;
}

export interface EvaluateOptions {
  /** window_start of the newest existing event of this rule for the same model, version and window kind. */
  lastEventStart?: Date | null;
}

export function evaluateRule<W extends WindowForEvaluation>(rule: RuleForEvaluation, windowsOldestFirst: readonly W[], reference: ReferenceForMetrics, opts: EvaluateOptions = {}): Evaluation<W> {
  const ws = windowsOldestFirst.filter((w) => w.kind === rule.windowKind).sort((a, b) => a.start.getTime() - b.start.getTime());
  const need = Math.max(1, rule.consecutive);
  const firings: Firing<W>[] = [];
  let run: StreakPoint<W>[] = [];
  let latest: number | null = null;
  let prev: W | null = null;
  for (const w of ws) {
    if (prev && w.start.getTime() > prev.end.getTime()) run = []; // a missing window in between
    prev = w;
    const v = metricReading(w, reference, rule.metric, rule.feature ?? undefined).value;
    if (v === null) continue;
    latest = v;
    if (!compare(v, rule.comparison, rule.threshold)) {
      run = [];
      continue;
    }
    run.push({ window: w, value: v });
    if (run.length !== need) continue;
    const after = opts.lastEventStart == null || run[0]!.window.start.getTime() > opts.lastEventStart.getTime();
    if (!after) continue;
    const pValue = metricReading(w, reference, rule.metric, rule.feature ?? undefined).pValue === true;
    firings.push({ streakEnd: w, value: v, streak: [...run], message: alertMessage(rule, run, { pValue }) });
  }
  return { firings, value: latest, run: run.length };
}

/** 0.42, 0.1 → "0.10", 0.021 → "0.021", 0.0031 → "0.0031", 1234 → "1,234". */
export function formatValue(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) >= 10) return v.toLocaleString('en-US');
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toPrecision(2);
  if (v !== 0 && Math.abs(v) < 0.1) return String(Number(v.toPrecision(2))); // 0.021, not 0.02: small drops and shares keep their second digit
  return v.toFixed(2);
}

/** A window's name in messages: 2026-04 (month), 2026-04-14 (day), week of 2026-04-13, or its date range. */
export function windowLabel(w: Pick<MonitoringWindow, 'kind' | 'start' | 'end'>): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  switch (w.kind as WindowKind) {
    case 'month':
      return w.start.toISOString().slice(0, 7);
    case 'day':
      return day(w.start);
    case 'week':
      return `week of ${day(w.start)}`;
    default:
      return `${day(w.start)}..${day(new Date(w.end.getTime() - 1))}`;
  }
}

const UNITS: Record<WindowKind, string> = { day: 'days', week: 'weeks', month: 'months', last_n: 'windows' };

/** What the value is, in words; `pValue` when a drift score is a test's p-value (lower means more drift). */
export function metricSubject(metric: AlertMetric, feature: string | null | undefined, pValue = false): string {
  switch (metric) {
    case 'feature_drift_score':
      return `${feature} drift${pValue ? ' p-value' : ''}`;
    case 'prediction_drift_score':
      return `Prediction drift${pValue ? ' p-value' : ''}`;
    case 'null_share':
      return `${feature} missing share`;
    case 'null_share_change':
      return `${feature} missing-share change`;
    default:
      return METRIC_INFO[metric].label;
  }
}

/** e.g. "monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-03, 2026-04)". */
export function alertMessage(
  rule: Pick<RuleForEvaluation, 'metric' | 'feature' | 'comparison' | 'threshold' | 'windowKind'>,
  streak: readonly StreakPoint<Pick<MonitoringWindow, 'kind' | 'start' | 'end'>>[],
  opts: { pValue?: boolean } = {},
): string {
  const last = streak[streak.length - 1]!;
  const head = `${metricSubject(rule.metric, rule.feature, opts.pValue)} ${formatValue(last.value)} ${COMPARISON_SYMBOL[rule.comparison as Comparison]} ${formatValue(rule.threshold)}`;
  const labels = streak.map((p) => windowLabel(p.window));
  if (streak.length === 1) return `${head} in ${labels[0]}`;
  return `${head} for ${streak.length} ${UNITS[rule.windowKind as WindowKind] ?? 'windows'} in a row (${labels.join(', ')})`;
}

/** A rule's condition in words, e.g. "monthly_charge drift ≥ 0.10 for 2 months in a row". */
export function describeCondition(rule: Pick<RuleForEvaluation, 'metric' | 'feature' | 'comparison' | 'threshold' | 'consecutive' | 'windowKind'>): string {
  const head = `${metricSubject(rule.metric, rule.feature)} ${COMPARISON_SYMBOL[rule.comparison as Comparison]} ${formatValue(rule.threshold)}`;
  const unit = UNITS[rule.windowKind as WindowKind] ?? 'windows';
  return rule.consecutive > 1 ? `${head} for ${rule.consecutive} ${unit} in a row` : `${head} in a ${unit.replace(/s$/, '')}`;
}
