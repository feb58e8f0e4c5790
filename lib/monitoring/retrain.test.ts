// Which labelled months retraining uses: newest = comparison window, the one before = validation, up to eight before
// that = training; months with too few labels, one outcome only or little coverage are skipped; fewer than three
// usable months is a refusal with the reason.
import { describe, expect, it } from 'vitest';
import { planRetraining } from './retrain';

const month = (m: string, rows = 20_000, positives = 1_000, predictions = rows) => ({ month: m, rows, positives, predictions });
const months = (from: number, n: number) => Array.from({ length: n }, (_, i) => `2025-${String(from + i).padStart(2, '0')}`);

describe('planRetraining', () => {
  it('tests on the newest month, validates on the one before and trains on the rest', () => {
    const r = planRetraining(['2025-03', '2025-01', '2025-02', '2025-04', '2025-05']);
    expect(r).toEqual({ ok: true, plan: { train: ['2025-01', '2025-02', '2025-03'], valid: '2025-04', test: '2025-05', split: { train: ['2025-01', '2025-03'], valid: '2025-04', test: '2025-05' }, skipped: [] } });
  });

  it('trains on at most eight months, the most recent ones', () => {
    const r = planRetraining(months(1, 12));
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan.train).toEqual(months(3, 8));
    expect(r.plan.valid).toBe('2025-11');
    expect(r.plan.test).toBe('2025-12');
    expect(planRetraining(months(1, 12), { maxTrainMonths: 2 })).toMatchObject({ ok: true, plan: { train: ['2025-09', '2025-10'] } });
  });

  it('works with exactly three months: one of each', () => {
    expect(planRetraining(months(4, 3))).toMatchObject({ ok: true, plan: { train: ['2025-04'], valid: '2025-05', test: '2025-06' } });
  });

  it('refuses fewer than three labelled months and says how many it found', () => {
    const none = planRetraining([]);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/at least 3 labelled months .* found none/);
    const two = planRetraining(['2025-01', '2025-02']);
    if (two.ok) throw new Error('planned with two months');
    expect(two.reason).toContain('only 2 (2025-01, 2025-02)');
  });

  it('skips months with few labels, one outcome or low coverage, and names them in a refusal', () => {
    const r = planRetraining([month('2025-01'), month('2025-02', 100, 5), month('2025-03', 5_000, 0), month('2025-04'), month('2025-05', 3_000, 150, 20_000), month('2025-06')]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.plan).toMatchObject({ train: ['2025-01'], valid: '2025-04', test: '2025-06' });
    expect(r.plan.skipped.map((s) => s.month)).toEqual(['2025-02', '2025-03', '2025-05']);
    expect(r.plan.skipped[0]!.reason).toMatch(/100 labelled rows/);
    expect(r.plan.skipped[1]!.reason).toMatch(/one outcome/);
    expect(r.plan.skipped[2]!.reason).toMatch(/15% of the customers/);

    const refused = planRetraining([month('2025-01'), month('2025-02', 10, 1), month('2025-03')]);
    if (refused.ok) throw new Error('planned with two usable months');
    expect(refused.reason).toMatch(/only 2 \(2025-01, 2025-03\); not usable: 2025-02: 10 labelled rows/);
    expect(planRetraining([month('2025-01'), month('2025-02', 10, 1), month('2025-03')], { minRows: 5 }).ok).toBe(true);
  });

  it('rejects malformed months', () => {
    expect(() => planRetraining(['2025-1'])).toThrow(/YYYY-MM/);
  });
});
