import { describe, expect, it } from 'vitest';
import { buildOverview, toGroupRates } from './summary';

const month = (m: string, active: number, labeled: number, churned: number, mrr = active * 10, churnedMrr = churned * 10) => ({
  month: m,
  active,
  labeled,
  churned,
  mrr,
  churnedMrr,
});

describe('buildOverview', () => {
  it('computes rates only for fully labelled months and compares with the previous one', () => {
    const o = buildOverview({
      months: [month('2026-01-01', 1000, 1000, 50), month('2026-02-01', 1010, 1010, 40), month('2026-03-01', 1020, 0, 0)],
      byPlan: [],
      byRegion: [],
      groupMonths: [],
    });
    expect(o.latestMonth).toBe('2026-03-01');
    expect(o.latestLabeledMonth).toBe('2026-02-01');
    expect(o.activeCustomers).toBe(1020);
    expect(o.activeChange).toBeCloseTo(10 / 1010, 12);
    expect(o.churnRate).toBeCloseTo(40 / 1010, 12);
    expect(o.churnRateChange).toBeCloseTo(40 / 1010 - 0.05, 12);
    expect(o.revenueLost).toBe(400);
    expect(o.revenueLost12m).toBe(900);
    expect(o.series[2]!.churnRate).toBeNull();
  });

  it('treats a partly labelled month as not yet known', () => {
    const o = buildOverview({ months: [month('2026-01-01', 100, 60, 6)], byPlan: [], byRegion: [], groupMonths: [] });
    expect(o.churnRate).toBeNull();
    expect(o.series[0]!.churnedMrr).toBeNull();
  });

  it('is empty without data', () => {
    const o = buildOverview({ months: [], byPlan: [], byRegion: [], groupMonths: [] });
    expect(o.latestMonth).toBeNull();
    expect(o.activeCustomers).toBe(0);
    expect(o.churnRate).toBeNull();
  });
});

describe('toGroupRates', () => {
  it('sorts by churn rate and drops empty groups', () => {
    expect(
      toGroupRates([
        { group: 'a', customers: 100, churned: 5 },
        { group: 'b', customers: 0, churned: 0 },
        { group: 'c', customers: 50, churned: 10 },
      ]),
    ).toEqual([
      { group: 'c', customers: 50, churnRate: 0.2 },
      { group: 'a', customers: 100, churnRate: 0.05 },
    ]);
  });
});
