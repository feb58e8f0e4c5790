import { describe, expect, it } from 'vitest';
import { contractEncoding } from '@/lib/ml/encoder';
import type { FeatureInfo } from './form';
import { chartFeatures, contributionAxisMax, formatFeatureValue, reasonBars, reasonLabel, wrapLabel } from './reasons';

const FEATURES = contractEncoding().features as FeatureInfo[];
const f = (n: string) => FEATURES.find((x) => x.name === n)!;

describe('reason labels in plain words', () => {
  it('reads like the issue’s example', () => {
    expect(reasonLabel(f('failed_payments_90d'), 'failed_payments_90d', 3, 0.8)).toBe('Failed payments in the last 90 days: 3 → raises risk');
    expect(reasonLabel(f('contract'), 'contract', 'annual', -1.2)).toBe('Contract: annual → lowers risk');
    expect(reasonLabel(f('watch_hours_30d'), 'watch_hours_30d', null, 0.1)).toBe('Watch hours in the last 30 days: missing → raises risk');
    expect(reasonLabel(undefined, 'new_feature', 2, 0)).toBe('New feature: 2 → no effect');
  });

  it('formats values with their units', () => {
    expect(formatFeatureValue(f('monthly_charge'), 12.99)).toBe('$12.99');
    expect(formatFeatureValue(f('completion_rate'), 0.456)).toBe('45.6%');
    expect(formatFeatureValue(f('avg_rating_given'), 4.2)).toBe('4.2 stars');
    expect(formatFeatureValue(f('tenure_months'), 14)).toBe('14');
    expect(formatFeatureValue(f('days_since_last_login'), 12)).toBe('12');
    expect(formatFeatureValue(f('payment_method'), 'bank_transfer')).toBe('bank transfer');
    expect(formatFeatureValue(f('promo_used'), true)).toBe('yes');
  });
});

describe('chart rows', () => {
  const base = { a: 0.5, b: -0.9, c: 0.1, d: 0, e: 0.05 };
  const alt = { a: 0.2, b: -0.9, c: 0.7, d: 0, e: 0.05 };

  it('takes the strongest features of either side plus the changed ones, strongest first', () => {
    expect(chartFeatures([base], 2)).toEqual(['b', 'a']);
    expect(chartFeatures([base, alt], 2)).toEqual(['b', 'c', 'a']);
    expect(chartFeatures([base], 2, ['d'])).toEqual(['b', 'a', 'd']);
  });

  it('builds labelled bars in the given order and a shared symmetric axis', () => {
    const bars = reasonBars(['b', 'a'], base, { a: 1, b: 'x' }, []);
    expect(bars.map((b) => [b.feature, b.direction, b.label])).toEqual([
      ['b', 'lowers', 'B: x → lowers risk'],
      ['a', 'raises', 'A: 1 → raises risk'],
    ]);
    expect(contributionAxisMax([bars])).toBeCloseTo(1.0, 10);
    expect(contributionAxisMax([[]])).toBe(0.1);
  });

  it('wraps long labels at spaces', () => {
    expect(wrapLabel('Failed payments in the last 90 days: 3 → raises risk', 24)).toEqual(['Failed payments in the', 'last 90 days: 3 → raises', 'risk']);
  });
});

describe('formatMoney', () => {
  it('signs and rounds to cents', async () => {
    const { formatMoney } = await import('./format');
    expect(formatMoney(12.346)).toBe('+$12.35');
    expect(formatMoney(-3.1)).toBe('−$3.10');
    expect(formatMoney(0.001)).toBe('$0.00');
    expect(formatMoney(155.88, false)).toBe('$155.88');
  });
});
