import { describe, expect, it } from 'vitest';
import { contractEncoding } from '@/lib/ml/encoder';
import { changedFields, emptyForm, fieldHint, fieldLabel, formToRecord, parseField, recordToForm, serverFieldErrors, whatIfOverrides, type FeatureInfo } from './form';

// The contract's features as GET /api/v1/models/{name} lists them.
const FEATURES = contractEncoding().features as FeatureInfo[];
const byName = (n: string) => FEATURES.find((f) => f.name === n)!;

const RECORD = {
  tenure_months: 14, plan: 'standard', contract: 'monthly', monthly_charge: 12.99, payment_method: 'card', failed_payments_90d: 3,
  watch_hours_30d: null, sessions_30d: 20, days_since_last_login: 4, devices: 2, profiles: 3, support_tickets_90d: 1,
  avg_rating_given: 4.2, content_diversity: 0.45, completion_rate: 0.6, downloads_30d: 0, plan_changes_12m: 1,
  primary_device: 'tv', promo_used: true, autoplay_off: false,
};

describe('form ↔ record', () => {
  it('round-trips a record through the form values unchanged, nulls as empty fields', () => {
    const values = recordToForm(FEATURES, RECORD);
    expect(values.monthly_charge).toBe('12.99');
    expect(values.watch_hours_30d).toBe('');
    expect(values.promo_used).toBe(true);
    expect(formToRecord(FEATURES, values)).toEqual({ record: RECORD, errors: {} });
  });

  it('names every empty required field, and lets nullable ones be empty', () => {
    const { errors, record } = formToRecord(FEATURES, emptyForm(FEATURES));
    expect(errors.tenure_months).toBe('Required: enter a number from 0 to 240');
    expect(errors.monthly_charge).toBe('Required: enter a number from $0 to $100');
    expect(errors.plan).toBe('Required: choose one');
    expect(errors).not.toHaveProperty('watch_hours_30d');
    expect(errors).not.toHaveProperty('promo_used');
    expect(record).toMatchObject({ watch_hours_30d: null, avg_rating_given: null, promo_used: false });
    // 20 features: 16 non-nullable numbers and categories, 2 nullable, 2 booleans
    expect(Object.keys(errors)).toHaveLength(16);
  });

  it('says what is wrong with a typed value, mirroring the server’s rules', () => {
    expect(parseField(byName('tenure_months'), '241')).toEqual({ ok: false, error: 'Must be between 0 and 240 months' });
    expect(parseField(byName('tenure_months'), '2.5')).toEqual({ ok: false, error: 'Must be a whole number' });
    expect(parseField(byName('monthly_charge'), '120')).toEqual({ ok: false, error: 'Must be between $0 and $100' });
    expect(parseField(byName('monthly_charge'), '12,99')).toEqual({ ok: false, error: 'Use a dot for decimals, e.g. 12.5' });
    expect(parseField(byName('monthly_charge'), 'abc')).toEqual({ ok: false, error: '“abc” is not a number' });
    expect(parseField(byName('monthly_charge'), ' 9.5 ')).toEqual({ ok: true, value: 9.5 });
    expect(parseField(byName('failed_payments_90d'), '-1')).toEqual({ ok: false, error: 'Must be between 0 and 10' });
    expect(parseField(byName('plan'), 'gold')).toEqual({ ok: false, error: 'Choose one of basic, standard, premium, mobile' });
    expect(parseField(byName('watch_hours_30d'), '  ')).toEqual({ ok: true, value: null });
    expect(parseField(byName('content_diversity'), '1.5')).toEqual({ ok: false, error: 'Must be between 0 and 1' });
  });

  it('labels and hints fields in plain words', () => {
    expect(fieldLabel(byName('failed_payments_90d'))).toBe('Failed payments in the last 90 days');
    expect(fieldHint(byName('failed_payments_90d'))).toBe('0 to 10 · whole number');
    expect(fieldHint(byName('watch_hours_30d'))).toBe('hours · 0 to 400 · empty = unknown');
    expect(fieldHint(byName('monthly_charge'))).toBe('$0 to $100');
    expect(fieldHint(byName('plan'))).toBe('');
  });
});

describe('what-if', () => {
  it('finds the changed fields by value, not by text, and sends only those', () => {
    const base = recordToForm(FEATURES, RECORD);
    const next = { ...base, tenure_months: '14.0', failed_payments_90d: '0', watch_hours_30d: '30', promo_used: false };
    const changed = changedFields(FEATURES, base, next);
    expect(changed).toEqual(['failed_payments_90d', 'watch_hours_30d', 'promo_used']);
    const { record } = formToRecord(FEATURES, next);
    expect(whatIfOverrides(changed, record)).toEqual({ failed_payments_90d: 0, watch_hours_30d: 30, promo_used: false });
  });

  it('counts an invalid edit as a change', () => {
    const base = recordToForm(FEATURES, RECORD);
    expect(changedFields(FEATURES, base, { ...base, sessions_30d: 'x' })).toEqual(['sessions_30d']);
  });
});

describe('serverFieldErrors', () => {
  it('maps 422 details back onto the record’s and the what-if’s fields', () => {
    const out = serverFieldErrors([
      { path: 'body.record.tenure_months', field: 'tenure_months', message: 'must be between 0 and 240' },
      { path: 'body.what_if.plan', field: 'plan', message: 'must be one of basic, standard' },
      { path: 'body.record', message: 'Invalid input' },
    ]);
    expect(out).toEqual({ record: { tenure_months: 'Must be between 0 and 240' }, what_if: { plan: 'Must be one of basic, standard' }, other: ['body.record: Invalid input'] });
    expect(serverFieldErrors(undefined)).toEqual({ record: {}, what_if: {}, other: [] });
  });
});

describe('normalizeCustomerId', () => {
  it('accepts ids as people type them', async () => {
    const { normalizeCustomerId } = await import('./form');
    expect(normalizeCustomerId(' c0000123 ')).toBe('C0000123');
    expect(normalizeCustomerId('123')).toBe('C0000123');
    expect(normalizeCustomerId('0')).toBe('0');
    expect(normalizeCustomerId('X-9')).toBe('X-9');
  });
});
