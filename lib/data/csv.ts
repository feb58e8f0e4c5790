// RFC 4180 CSV for customers and snapshots. Pure string functions (no I/O) so the exporter can stream line by line
// and the API can reuse them for downloads.

import { FEATURE_NAMES } from './features';
import type { Customer, Snapshot } from './features';

export type CsvValue = string | number | boolean | null | undefined;

/** Lines end in CRLF, as RFC 4180 specifies; pandas, R and spreadsheets all read it. */
export const CSV_EOL = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: null/undefined → empty, booleans → true/false, quotes only where RFC 4180 requires them. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot write non-finite number ${value} to CSV`);
    return String(value);
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record including its line terminator. */
export function csvLine(values: readonly CsvValue[]): string {
  // join() yields one flat string; building with += leaves a rope of ~50 pieces per line for the GC to chase.
  const parts: string[] = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = csvField(values[i]);
  return parts.join(',') + CSV_EOL;
}

export const CUSTOMER_COLUMNS = ['customer_id', 'signup_month', 'age_band', 'gender', 'region'] as const;

/** Snapshot export: features in FEATURES order, the label, then the customer's sensitive attributes (no p_true). */
export const SNAPSHOT_EXPORT_COLUMNS: readonly string[] = [
  'customer_id',
  'month',
  ...FEATURE_NAMES,
  'churned',
  'age_band',
  'gender',
  'region',
];

export function customerCsvLine(c: Customer): string {
  return csvLine([c.customer_id, c.signup_month, c.age_band, c.gender, c.region]);
}

/** A snapshot row joined with its customer's attributes, in SNAPSHOT_EXPORT_COLUMNS order. */
export function snapshotCsvLine(s: Snapshot, customer: Pick<Customer, 'age_band' | 'gender' | 'region'>): string {
  const values: CsvValue[] = [s.customer_id, s.month];
  const record = s as unknown as Record<string, CsvValue>;
  for (const name of FEATURE_NAMES) values.push(record[name]);
  values.push(s.churned, customer.age_band, customer.gender, customer.region);
  return csvLine(values);
}

/** Whole CSV document for small in-memory tables (use the line functions to stream large ones). */
export function toCsv(columns: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvLine(columns);
  for (const row of rows) out += csvLine(row);
  return out;
}

export function customersToCsv(customers: Iterable<Customer>): string {
  let out = csvLine(CUSTOMER_COLUMNS);
  for (const c of customers) out += customerCsvLine(c);
  return out;
}
