// The scoring form's state and its conversion to a customer record. Fields hold what the person typed (strings for
// numbers, so "abc" or "12,5" can be named rather than silently lost) and are checked by the same rules the server
// applies (lib/ml/encoder.ts encodeRecord: required unless nullable, a finite number in range, a listed category,
// true/false), plus whole numbers for the contract's count features. Framework-free, so it is unit-tested.
import { customerId } from '@/lib/data/calendar';
import { FEATURES } from '@/lib/data/features';
import { capitalize, humanizeFeatureName } from '@/lib/ml/explain/reasons';

/** A feature as GET /api/v1/models/{name} describes it. */
export interface FeatureInfo {
  name: string;
  type: 'numeric' | 'categorical' | 'boolean';
  unit?: string;
  description?: string;
  categories?: string[];
  range?: [number, number];
  nullable: boolean;
}

export interface ModelInfo {
  name: string;
  version: string;
  threshold: number;
  explainable: boolean;
  features: FeatureInfo[];
  example: { record: Record<string, unknown>; churn_probability: number };
}

export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;
export type FieldErrors = Record<string, string>;

const WHOLE = new Set(FEATURES.filter((f) => f.integer).map((f) => f.name));
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "failed_payments_90d" → "Failed payments in the last 90 days". */
export function fieldLabel(f: Pick<FeatureInfo, 'name'>): string {
  return capitalize(humanizeFeatureName(f.name));
}

export function isWholeNumber(f: Pick<FeatureInfo, 'name' | 'type'>): boolean {
  return f.type === 'numeric' && WHOLE.has(f.name);
}

function formatBound(v: number, unit?: string): string {
  return unit === 'USD' ? `$${v}` : String(v);
}

/** What the field takes, in a few words: "count · 0 to 10 · whole number", "hours · 0 to 400 · empty = unknown". */
export function fieldHint(f: FeatureInfo): string {
  const parts: string[] = [];
  if (f.type === 'numeric') {
    if (f.unit && f.unit !== 'count' && f.unit !== 'USD') parts.push(f.unit);
    if (f.range) parts.push(`${formatBound(f.range[0], f.unit)} to ${formatBound(f.range[1], f.unit)}`);
    if (isWholeNumber(f)) parts.push('whole number');
  }
  if (f.nullable) parts.push('empty = unknown');
  return parts.join(' · ');
}

export function emptyForm(features: readonly FeatureInfo[]): FormValues {
  return Object.fromEntries(features.map((f) => [f.name, f.type === 'boolean' ? false : '']));
}

/** A record (API values) as form values; fields the record lacks start empty. */
export function recordToForm(features: readonly FeatureInfo[], record: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    features.map((f) => {
      const v = record[f.name];
      if (f.type === 'boolean') return [f.name, v === true];
      if (v === null || v === undefined) return [f.name, ''];
      return [f.name, String(v)];
    }),
  );
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** One field's value for the record, or a message that says what to fix. */
export function parseField(f: FeatureInfo, raw: FieldValue | undefined): Parsed {
  if (f.type === 'boolean') return { ok: true, value: raw === true };
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    if (f.nullable) return { ok: true, value: null };
    return { ok: false, error: f.type === 'categorical' ? 'Required: choose one' : `Required: enter a number${f.range ? ` from ${formatBound(f.range[0], f.unit)} to ${formatBound(f.range[1], f.unit)}` : ''}` };
  }
  if (f.type === 'categorical') {
    const allowed = f.categories ?? [];
    return allowed.includes(text) ? { ok: true, value: text } : { ok: false, error: `Choose one of ${allowed.join(', ')}` };
  }
  if (!NUMBER.test(text)) {
    return { ok: false, error: /^\d+,\d+$/.test(text) ? 'Use a dot for decimals, e.g. 12.5' : `“${text}” is not a number` };
  }
  const n = Number(text);
  if (!Number.isFinite(n)) return { ok: false, error: 'Must be a finite number' };
  if (f.range && (n < f.range[0] || n > f.range[1])) {
    return { ok: false, error: `Must be between ${formatBound(f.range[0], f.unit)} and ${formatBound(f.range[1], f.unit)}${f.unit && !['USD', 'count', 'ratio'].includes(f.unit) ? ` ${f.unit}` : ''}` };
  }
  if (isWholeNumber(f) && !Number.isInteger(n)) return { ok: false, error: 'Must be a whole number' };
  return { ok: true, value: n };
}

/** The record to send, or the errors by field (the record is then incomplete and must not be sent). */
export function formToRecord(features: readonly FeatureInfo[], values: FormValues): { record: Record<string, unknown>; errors: FieldErrors } {
  const record: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const f of features) {
    const p = parseField(f, values[f.name]);
    if (p.ok) record[f.name] = p.value;
    else errors[f.name] = p.error;
  }
  return { record, errors };
}

/** Features whose value in `current` differs from `base` (compared as parsed values: "12" equals "12.0"). */
export function changedFields(features: readonly FeatureInfo[], base: FormValues, current: FormValues): string[] {
  return features
    .filter((f) => {
      const a = parseField(f, base[f.name]);
      const b = parseField(f, current[f.name]);
      if (a.ok && b.ok) return !Object.is(a.value, b.value);
      return (typeof base[f.name] === 'string' ? String(base[f.name]).trim() : base[f.name]) !== (typeof current[f.name] === 'string' ? String(current[f.name]).trim() : current[f.name]);
    })
    .map((f) => f.name);
}

/** Only the changed fields, as the what-if overrides for POST /api/v1/score. */
export function whatIfOverrides(changed: readonly string[], record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(changed.map((name) => [name, record[name] ?? null]));
}

export interface ServerFieldErrors {
  record: FieldErrors;
  what_if: FieldErrors;
  /** Problems that belong to no field (shown above the form). */
  other: string[];
}

/** The 422 details of POST /api/v1/score (path body.record.<field> / body.what_if.<field>) by form and field. */
export function serverFieldErrors(details: unknown): ServerFieldErrors {
  const out: ServerFieldErrors = { record: {}, what_if: {}, other: [] };
  if (!Array.isArray(details)) return out;
  for (const d of details as { path?: unknown; message?: unknown }[]) {
    const message = capitalize(String(d?.message ?? 'is invalid'));
    const m = typeof d?.path === 'string' ? /^body\.(record|what_if)\.([^.]+)$/.exec(d.path) : null;
    if (m) (out[m[1] as 'record' | 'what_if'][m[2]!] ??= message);
    else out.other.push(typeof d?.path === 'string' ? `${d.path}: ${message}` : message);
  }
  return out;
}

/** What a person types for a customer id, as the id: trimmed, upper case, and a bare number padded ("123" → C0000123). */
export function normalizeCustomerId(text: string): string {
  const t = text.trim().toUpperCase();
  return /^\d{1,7}$/.test(t) && Number(t) > 0 ? customerId(Number(t) - 1) : t;
}
