import { describe, expect, it } from 'vitest';
import { AGE_BANDS, REGIONS } from './features';
import type { Customer } from './features';
import { generateWorld } from './generator';
import type { GeneratedSnapshot } from './generator';

const world = generateWorld({ activeCustomers: 8000 });
const rows = [...world.snapshots()];
const customerById = new Map<string, Customer>(world.customers.map((c) => [c.customer_id, c]));
const byMonth = new Map<string, GeneratedSnapshot[]>();
for (const r of rows) {
  const list = byMonth.get(r.month);
  if (list) list.push(r);
  else byMonth.set(r.month, [r]);
}
const month = (m: string): GeneratedSnapshot[] => byMonth.get(`${m}-01`) ?? [];
const months = (...ms: string[]): GeneratedSnapshot[] => ms.flatMap(month);
const share = (xs: GeneratedSnapshot[], p: (r: GeneratedSnapshot) => boolean): number =>
  xs.filter(p).length / xs.length;
const churnRate = (xs: GeneratedSnapshot[]): number => share(xs, (r) => r.churned === true);
const mean = (xs: GeneratedSnapshot[], f: (r: GeneratedSnapshot) => number): number =>
  xs.reduce((s, r) => s + f(r), 0) / xs.length;

describe('event catalogue', () => {
  it('lists the three dated events inside the default window', () => {
    expect(world.events.map((e) => [e.id, e.month])).toEqual([
      ['mobile-plan-launch', '2025-11-01'],
      ['price-increase', '2026-03-01'],
      ['tv-tracking-bug', '2026-06-01'],
    ]);
    for (const e of world.events) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.description.length).toBeGreaterThan(40);
    }
  });

  it('leaves out events outside the window', () => {
    const early = generateWorld({ activeCustomers: 50, startMonth: '2024-01', months: 12 });
    expect(early.events).toEqual([]);
    expect([...early.snapshots()].some((r) => r.plan === 'mobile')).toBe(false);
    const mid = generateWorld({ activeCustomers: 50, startMonth: '2025-10', months: 3 });
    expect(mid.events.map((e) => e.id)).toEqual(['mobile-plan-launch']);
  });
});

describe('(b) mobile-plan launch, 2025-11', () => {
  it('has no mobile plan before the launch and a growing share after it', () => {
    expect(rows.some((r) => r.month < '2025-11-01' && r.plan === 'mobile')).toBe(false);
    expect(share(month('2025-11'), (r) => r.plan === 'mobile')).toBeGreaterThan(0.01);
    expect(share(month('2026-06'), (r) => r.plan === 'mobile')).toBeGreaterThan(0.08);
    expect(share(month('2026-10'), (r) => r.plan === 'mobile')).toBeGreaterThan(
      share(month('2026-03'), (r) => r.plan === 'mobile'),
    );
  });

  it('sends about 30% of new sign-ups to the mobile plan', () => {
    const newcomers = rows.filter((r) => r.month >= '2025-11-01' && r.tenure_months === 0);
    const mobile = share(newcomers, (r) => r.plan === 'mobile');
    expect(mobile).toBeGreaterThan(0.22);
    expect(mobile).toBeLessThan(0.38);
  });

  it('gives mobile customers 1-2 devices, a phone or tablet, and the cheapest charges', () => {
    const mobile = rows.filter((r) => r.plan === 'mobile');
    expect(mobile.every((r) => r.devices <= 2)).toBe(true);
    expect(share(mobile, (r) => r.primary_device === 'mobile')).toBeGreaterThan(0.7);
    expect(mobile.every((r) => r.monthly_charge <= 6.99)).toBe(true);
    expect(mean(month('2026-01'), (r) => r.devices)).toBeLessThan(mean(month('2025-10'), (r) => r.devices));
  });
});

describe('(a) price increase, 2026-03', () => {
  it('raises monthly charges (covariate drift)', () => {
    const jump = mean(month('2026-03'), (r) => r.monthly_charge) - mean(month('2026-02'), (r) => r.monthly_charge);
    expect(jump).toBeGreaterThan(0.6);
    const standardMonthly = month('2026-03').filter((r) => r.plan === 'standard' && r.contract === 'monthly' && !r.promo_used);
    expect(standardMonthly.every((r) => r.monthly_charge === 15.99)).toBe(true);
    expect(month('2026-02').some((r) => r.monthly_charge === 15.99)).toBe(false);
  });

  it('moves annual contracts to the new prices only at their renewal', () => {
    const annualStandard = (m: string) =>
      share(month(m).filter((r) => r.plan === 'standard' && r.contract === 'annual'), (r) => r.monthly_charge > 12.59);
    expect(annualStandard('2026-03')).toBeLessThan(0.25);
    expect(annualStandard('2026-09')).toBeGreaterThan(annualStandard('2026-03') + 0.3);
  });

  it('raises churn among monthly contracts for about three months (concept drift)', () => {
    const monthly = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.contract === 'monthly');
    const before = churnRate(monthly(months('2026-01', '2026-02')));
    const after = churnRate(monthly(months('2026-03', '2026-04', '2026-05')));
    expect(after).toBeGreaterThan(before * 1.25);
    expect(churnRate(monthly(month('2026-03')))).toBeGreaterThan(churnRate(monthly(month('2026-05'))));
    // Annual contracts are not part of the shock.
    const annual = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.contract === 'annual');
    const annualBefore = churnRate(annual(months('2026-01', '2026-02')));
    expect(churnRate(annual(months('2026-03', '2026-04', '2026-05')))).toBeLessThan(annualBefore * 1.3);
  });
});

describe('(c) TV tracking bug, 2026-06', () => {
  const nullShare = (xs: GeneratedSnapshot[]) => share(xs, (r) => r.watch_hours_30d === null);
  const tv = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.primary_device === 'tv');
  const notTv = (xs: GeneratedSnapshot[]) => xs.filter((r) => r.primary_device !== 'tv');

  it('blanks watch hours for a large share of TV customers in that month only', () => {
    expect(nullShare(tv(month('2026-06')))).toBeGreaterThan(0.2);
    expect(nullShare(tv(month('2026-06')))).toBeLessThan(0.5);
    expect(nullShare(notTv(month('2026-06')))).toBeLessThan(0.01);
    expect(nullShare(tv(month('2026-05')))).toBeLessThan(0.01);
    expect(nullShare(tv(month('2026-07')))).toBeLessThan(0.01);
  });

  it('does not change behaviour: TV churn in the bug month is in line with its neighbours', () => {
    const rate = churnRate(tv(month('2026-06')));
    expect(rate).toBeLessThan(churnRate(tv(months('2026-05', '2026-07'))) * 1.3);
  });
});

describe('(d) group differences', () => {
  const bandRows = (band: string) =>
    rows.filter((r) => customerById.get(r.customer_id)!.age_band === band && r.month < '2025-11-01');
  const young = bandRows('25-34');
  const old = bandRows('65+');

  it('gives older customers lower app engagement', () => {
    expect(AGE_BANDS).toContain('65+');
    expect(mean(old, (r) => r.sessions_30d)).toBeLessThan(mean(young, (r) => r.sessions_30d) * 0.7);
    expect(mean(old, (r) => r.devices)).toBeLessThan(mean(young, (r) => r.devices));
    expect(mean(old, (r) => r.downloads_30d)).toBeLessThan(mean(young, (r) => r.downloads_30d) * 0.5);
    expect(mean(old, (r) => r.days_since_last_login)).toBeGreaterThan(mean(young, (r) => r.days_since_last_login));
    expect(share(old, (r) => r.primary_device === 'tv')).toBeGreaterThan(share(young, (r) => r.primary_device === 'tv'));
  });

  it('does not let older customers churn more despite their lower engagement', () => {
    expect(churnRate(old)).toBeLessThan(churnRate(young) * 1.1);
  });

  it('gives the south more failed payments and churn than central', () => {
    const region = (name: string) => rows.filter((r) => customerById.get(r.customer_id)!.region === name);
    expect(REGIONS).toContain('south');
    const south = region('south');
    const central = region('central');
    expect(churnRate(south)).toBeGreaterThan(churnRate(central) * 1.3);
    expect(mean(south, (r) => r.failed_payments_90d)).toBeGreaterThan(mean(central, (r) => r.failed_payments_90d) * 1.2);
  });

  it('keeps gender differences negligible', () => {
    const gender = (name: string) => rows.filter((r) => customerById.get(r.customer_id)!.gender === name);
    const female = gender('female');
    const male = gender('male');
    expect(Math.abs(churnRate(female) - churnRate(male))).toBeLessThan(0.006);
    expect(Math.abs(mean(female, (r) => r.sessions_30d) / mean(male, (r) => r.sessions_30d) - 1)).toBeLessThan(0.05);
  });
});
