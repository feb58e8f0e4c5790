// Month arithmetic on plain integers (months since year 0), so the hot simulation loop never touches Date objects.

const MONTH_RE = /^(\d{4})-(\d{2})(?:-01)?$/;

/** Absolute month number of 'YYYY-MM' or 'YYYY-MM-01'; throws on anything else. */
export function parseMonth(value: string): number {
  const m = MONTH_RE.exec(value);
  if (!m) throw new RangeError(`Invalid month "${value}": expected YYYY-MM`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new RangeError(`Invalid month "${value}": month must be 01-12`);
  return year * 12 + (month - 1);
}

/** 'YYYY-MM' for an absolute month number. */
export function formatMonth(abs: number): string {
  const year = Math.floor(abs / 12);
  const month = abs - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** 'YYYY-MM-01', the form snapshot rows and customers carry. */
export function formatMonthDate(abs: number): string {
  return `${formatMonth(abs)}-01`;
}

/** Zero-padded customer id from a 0-based customer index, e.g. 0 → 'C0000001'. */
export function customerId(index: number): string {
  return `C${String(index + 1).padStart(7, '0')}`;
}
