import { describe, expect, it } from 'vitest';
import { contractEncoding } from '@/lib/ml/encoder';
import { describeValue, humanizeFeatureName, topReasons } from './reasons';

const spec = contractEncoding().features;
const meta = (name: string) => spec.find((f) => f.name === name)!;

describe('reason sentences', () => {
  it('humanises feature names, time windows included', () => {
    expect(humanizeFeatureName('failed_payments_90d')).toBe('failed payments in the last 90 days');
    expect(humanizeFeatureName('plan_changes_12m')).toBe('plan changes in the last 12 months');
    expect(humanizeFeatureName('avg_rating_given')).toBe('average rating given');
    expect(humanizeFeatureName('logins_1w')).toBe('logins in the last week');
  });

  it.each([
    ['failed_payments_90d', 3, '3 failed payments in the last 90 days'],
    ['failed_payments_90d', 1, '1 failed payment in the last 90 days'],
    ['contract', 'annual', 'Annual contract'],
    ['payment_method', 'bank_transfer', 'Bank transfer payment method'],
    ['primary_device', 'tv', 'TV primary device'],
    ['watch_hours_30d', null, 'Watch hours in the last 30 days missing'],
    ['watch_hours_30d', 12.5, '12.5 watch hours in the last 30 days'],
    ['days_since_last_login', 1, '1 day since last login'],
    ['tenure_months', 14, 'Tenure of 14 months'],
    ['monthly_charge', 12.989, 'Monthly charge of 12.99 USD'],
    ['avg_rating_given', 1, 'Average rating given of 1 star'],
    ['completion_rate', 0.8, 'Completion rate of 80%'],
    ['promo_used', true, 'Promo used'],
    ['autoplay_off', false, 'Autoplay off: no'],
  ])('%s = %j reads "%s"', (name, value, text) => {
    expect(describeValue(meta(name), value)).toBe(text);
  });

  it('works from metadata alone for features outside the contract', () => {
    expect(describeValue({ name: 'score', type: 'numeric' }, 0.5)).toBe('Score of 0.5');
    expect(describeValue({ name: 'tier', type: 'categorical', categories: ['gold', 'silver'] }, 1)).toBe('Silver tier');
  });
});

describe('topReasons', () => {
  const record = { failed_payments_90d: 3, contract: 'annual', watch_hours_30d: null, tenure_months: 30, devices: 2 };
  const contributions = { failed_payments_90d: 0.9, contract: -1.2, watch_hours_30d: 0.4, tenure_months: -0.1, devices: 0, mystery: 0.05 };

  it('returns the top k by |contribution| with their direction and sentence', () => {
    expect(topReasons(contributions, record, spec)).toEqual([
      { feature: 'contract', contribution: -1.2, direction: 'lowers', value: 'annual', sentence: 'Annual contract lowers the churn risk' },
      { feature: 'failed_payments_90d', contribution: 0.9, direction: 'raises', value: 3, sentence: '3 failed payments in the last 90 days raises the churn risk' },
      { feature: 'watch_hours_30d', contribution: 0.4, direction: 'raises', value: null, sentence: 'Watch hours in the last 30 days missing raises the churn risk' },
    ]);
  });

  it('never lists a zero contribution and copes with unknown features', () => {
    const all = topReasons(contributions, record, spec, 10);
    expect(all.map((r) => r.feature)).toEqual(['contract', 'failed_payments_90d', 'watch_hours_30d', 'tenure_months', 'mystery']);
    expect(all[4]!.sentence).toBe('Mystery missing raises the churn risk');
    expect(topReasons(contributions, record, spec, 0)).toEqual([]);
  });
});
