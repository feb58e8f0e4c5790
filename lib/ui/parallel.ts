// Scales for the parallel-coordinates plot: each axis maps a run's value to a position in [0, 1] (0 = bottom).
// Numeric axes are linear, or logarithmic when all values are positive and span two decades or more (learning rate),
// or "symlog" when zero joins such values (l2 = 0 next to 1e-4 … 1e-2); categorical axes space their values evenly.
import type { CellValue } from './run-columns';
import { toNumber } from './tracking-format';

export interface AxisTick {
  label: string;
  pos: number;
}

interface AxisBase {
  id: string;
  label: string;
  ticks: AxisTick[];
  /** Position of a value in [0, 1], or null when the run has no (usable) value for this axis. */
  pos(v: CellValue): number | null;
}

export interface NumericAxis extends AxisBase {
  kind: 'numeric';
  min: number;
  max: number;
  /** Any logarithmic scale (log or symlog). */
  log: boolean;
  scale: 'linear' | 'log' | 'symlog';
}

export interface CategoricalAxis extends AxisBase {
  kind: 'categorical';
  categories: string[];
}

export type Axis = NumericAxis | CategoricalAxis;

function num(v: CellValue): number | null {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : toNumber(v);
  return n !== null && Number.isFinite(n) ? n : null;
}

/** Every present value reads as a finite number (and at least one is present). */
export function isNumericColumn(values: readonly CellValue[]): boolean {
  const present = values.filter((v) => v !== null && !(typeof v === 'number' && Number.isNaN(v)));
  return present.length > 0 && present.every((v) => num(v) !== null);
}

/** The runs do not all share one value (missing counts as a value). */
export function varies(values: readonly CellValue[]): boolean {
  return new Set(values.map((v) => (v === null ? '\u0000' : typeof v === 'number' ? String(v) : (num(v)?.toString() ?? v)))).size > 1;
}

export function shouldUseLog(nums: readonly number[]): boolean {
  if (nums.length < 2 || nums.some((n) => n <= 0)) return false;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  return max / min >= 100;
}

/** About `count` round tick values covering [min, max] (1, 2 or 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const span = max - min;
  const raw = span / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  const start = Math.ceil(min / step - 1e-9) * step;
  // Counted, not accumulated: when the span is tiny next to the values (1e6 and 1e6 + 1e-10), `v += step` can leave
  // v unchanged and never reach max.
  for (let k = 0; k <= count * 2; k++) {
    const v = start + k * step;
    if (v > max + step * 1e-9) break;
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/** Powers of ten inside [min, max], thinned to at most `count`. */
export function logTicks(min: number, max: number, count = 6): number[] {
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  const exps: number[] = [];
  for (let e = lo; e <= hi; e++) exps.push(e);
  const every = Math.max(1, Math.ceil(exps.length / count));
  return exps.filter((_, i) => i % every === 0).map((e) => Number((10 ** e).toPrecision(12)));
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** Categories in natural order: numeric ones by value, then the rest alphabetically. */
export function sortCategories(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => {
    const na = toNumber(a);
    const nb = toNumber(b);
    if (na !== null && nb !== null) return na - nb;
    if (na !== null) return -1;
    if (nb !== null) return 1;
    return a.localeCompare(b);
  });
}

/** Zero plus positive values spanning two decades (l2 = 0, 1e-4 … 1e-2): log-like, with zero at the bottom. */
export function shouldUseSymlog(nums: readonly number[]): boolean {
  if (nums.some((n) => n < 0) || !nums.includes(0)) return false;
  return shouldUseLog(nums.filter((n) => n > 0));
}

export function buildAxis(id: string, label: string, values: readonly CellValue[], opts: { log?: boolean | 'auto' } = {}): Axis {
  if (isNumericColumn(values)) {
    const nums = values.map(num).filter((n): n is number => n !== null);
    const min = Math.min(...nums);
    const max = Math.max(...nums);
    const scaleType: NumericAxis['scale'] =
      opts.log === false ? 'linear' : opts.log === true ? (min > 0 ? 'log' : shouldUseSymlog(nums) ? 'symlog' : 'linear') : shouldUseLog(nums) ? 'log' : shouldUseSymlog(nums) ? 'symlog' : 'linear';
    // symlog: log10(1 + x / c) with c the smallest positive value, so 0 → 0 and c, 10c, 100c are evenly spaced-ish.
    const c = Math.min(...nums.filter((n) => n > 0));
    const t = (n: number) => (scaleType === 'log' ? Math.log10(n) : scaleType === 'symlog' ? Math.log10(1 + n / c) : n);
    const scale = (n: number): number => (min === max ? 0.5 : (t(n) - t(min)) / (t(max) - t(min)));
    const tickValues =
      min === max ? [min] : scaleType === 'log' ? logTicks(min, max) : scaleType === 'symlog' ? [0, ...logTicks(c, max, 5)] : niceTicks(min, max);
    return {
      kind: 'numeric',
      id,
      label,
      min,
      max,
      log: scaleType !== 'linear',
      scale: scaleType,
      pos: (v) => {
        const n = num(v);
        return n === null || (scaleType === 'log' && n <= 0) || (scaleType === 'symlog' && n < 0) ? null : scale(n);
      },
      ticks: tickValues.map((v) => ({ label: tickLabel(v), pos: scale(v) })),
    };
  }
  const categories = sortCategories(values.filter((v): v is string | number => v !== null).map(String));
  const n = categories.length;
  const at = (i: number) => (n <= 1 ? 0.5 : i / (n - 1));
  return {
    kind: 'categorical',
    id,
    label,
    categories,
    pos: (v) => {
      if (v === null) return null;
      const i = categories.indexOf(String(v));
      return i < 0 ? null : at(i);
    },
    ticks: categories.map((c, i) => ({ label: c, pos: at(i) })),
  };
}

/** An SVG path through the axes at x positions `xs`, breaking the line where a run has no value on an axis. */
export function polylinePath(positions: readonly (number | null)[], xs: readonly number[], top: number, height: number): string {
  let d = '';
  let pen = false;
  positions.forEach((p, i) => {
    if (p === null) {
      pen = false;
      return;
    }
    const y = top + (1 - p) * height;
    d += `${pen ? 'L' : 'M'}${xs[i]!.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** Evenly spaced axis x positions across a width with side padding. */
export function axisXs(count: number, width: number, pad: number): number[] {
  if (count <= 1) return [width / 2];
  return Array.from({ length: count }, (_, i) => pad + (i * (width - 2 * pad)) / (count - 1));
}
