const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortMonthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** '2026-03-01' → 'Mar 2026'. */
export function formatMonth(iso: string, short = false): string {
  const d = new Date(iso.length === 7 ? iso + '-01T00:00:00Z' : iso.slice(0, 10) + 'T00:00:00Z');
  return (short ? shortMonthFmt : monthFmt).format(d);
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatPct(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

export function formatUsd(n: number | null, compact = false): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: compact ? 1 : 0, notation: compact ? 'compact' : 'standard' });
}

/** Percentage-point change, signed: +0.4 pp. */
export function formatPp(delta: number): string {
  const pp = delta * 100;
  return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}
