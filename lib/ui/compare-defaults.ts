// What the compare view shows before the user chooses: the metric people usually mean, the params that vary.
import type { CompareRow } from './compare';

const PREFERRED = [/^val(idation)?[_.-]?auc$/i, /^test[_.-]?auc$/i, /auc/i, /^val(idation)?[_.-]?(acc|accuracy|f1)/i, /^val(idation)?[_.-]?loss$/i];

/** The metric key to colour, scatter and explain by default: validation AUC when logged, else the first key. */
export function preferredMetric(keys: readonly string[]): string | null {
  for (const re of PREFERRED) {
    const k = keys.find((x) => re.test(x));
    if (k) return k;
  }
  return keys[0] ?? null;
}

/** Up to two history charts: the preferred metric and a validation loss when there is one. */
export function defaultCharts(historyKeys: readonly string[]): string[] {
  const first = preferredMetric(historyKeys);
  if (!first) return [];
  const loss = historyKeys.find((k) => k !== first && /^val(idation)?[_.-]?loss$/i.test(k)) ?? historyKeys.find((k) => k !== first && /loss/i.test(k));
  return loss ? [first, loss] : [first];
}

/** Parallel-coordinates axes: the params that vary across the runs (all params when none varies), at most `max`. */
export function defaultAxes(rows: readonly CompareRow[], max = 8): string[] {
  const params = rows.filter((r) => r.section === 'params');
  const varying = params.filter((r) => r.differs);
  return (varying.length ? varying : params).slice(0, max).map((r) => r.id);
}
