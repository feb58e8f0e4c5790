// SHAP dependence points for one feature. x is stored encoded (category code, boolean 0/1), so categories are turned
// back into their names here; nulls (missing values) are kept apart because they have no place on a numeric axis.
import type { Evaluation, Manifest } from './eval-data';

type Feature = Manifest['features'][number];

export interface DepPoint {
  /** Numeric value, or the category's slot (code plus a little jitter so the dots do not all sit on one line). */
  x: number;
  shap: number;
  label: string;
}

export interface DependenceData {
  kind: 'numeric' | 'categorical';
  points: DepPoint[];
  /** Category names by code, for the categorical axis. */
  categories: string[];
  missing: { count: number; meanShap: number } | null;
  /** Mean SHAP per category (categorical only), in code order. */
  means: { label: string; mean: number; count: number }[];
}

/** Deterministic jitter in [-0.3, 0.3]: the same picture on every render. */
function jitter(i: number): number {
  const h = Math.sin(i * 12.9898) * 43758.5453;
  return ((h - Math.floor(h)) - 0.5) * 0.6;
}

export function categoryNames(f: Feature | undefined): string[] | null {
  if (!f) return null;
  if (f.type === 'categorical') return f.categories ?? [];
  if (f.type === 'boolean') return ['no', 'yes'];
  return null;
}

export function dependenceData(dep: Evaluation['dependence'][string], f: Feature | undefined): DependenceData {
  const cats = categoryNames(f);
  const points: DepPoint[] = [];
  let nMissing = 0;
  let missingSum = 0;
  const sums = new Map<number, { s: number; n: number }>();
  dep.x.forEach((x, i) => {
    const shap = dep.shap[i]!;
    if (x === null || !Number.isFinite(x)) {
      nMissing++;
      missingSum += shap;
      return;
    }
    if (cats) {
      const code = Math.round(x);
      const acc = sums.get(code) ?? { s: 0, n: 0 };
      sums.set(code, { s: acc.s + shap, n: acc.n + 1 });
      points.push({ x: code + jitter(i), shap, label: cats[code] ?? `code ${code}` });
    } else points.push({ x, shap, label: formatValue(x, f?.unit) });
  });
  const categories = cats ?? [];
  const means = cats ? categories.map((label, code) => ({ label, mean: (sums.get(code)?.s ?? 0) / Math.max(1, sums.get(code)?.n ?? 0), count: sums.get(code)?.n ?? 0 })) : [];
  return { kind: cats ? 'categorical' : 'numeric', points, categories, missing: nMissing ? { count: nMissing, meanShap: missingSum / nMissing } : null, means };
}

export function formatValue(x: number, unit?: string): string {
  const v = Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) < 10 ? 2 : 1);
  return unit ? `${v} ${unit}` : v;
}

/** Pearson correlation of value and SHAP: the sign says whether more of the feature means more risk. */
function correlation(points: DepPoint[]): number {
  const n = points.length;
  if (n < 3) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.shap, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.shap - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.shap - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function dependenceCaption(feature: string, d: DependenceData): string {
  const lead = 'Each dot is one test customer; dots above zero mean this feature raised that customer\u2019s predicted risk.';
  if (d.kind === 'categorical') {
    const seen = d.means.filter((m) => m.count > 0).sort((a, b) => b.mean - a.mean);
    if (seen.length < 2) return lead;
    const hi = seen[0]!;
    const lo = seen.at(-1)!;
    const push = (m: number) => (m >= 0 ? 'raises' : 'lowers');
    return `${lead} ${feature} “${hi.label}” ${push(hi.mean)} risk the most (${signed(hi.mean)} on average); “${lo.label}” ${lo.mean < 0 ? 'lowers it the most' : 'raises it the least'} (${signed(lo.mean)}).`;
  }
  const r = correlation(d.points);
  const trend = r > 0.3 ? `higher ${feature} goes with higher churn risk` : r < -0.3 ? `higher ${feature} goes with lower churn risk` : `${feature} has no simple up-or-down effect: its push depends on the range`;
  const miss = d.missing ? ` ${d.missing.count} customers with no value are left out of the plot (their average push: ${signed(d.missing.meanShap)}).` : '';
  return `${lead} Overall, ${trend}.${miss}`;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
