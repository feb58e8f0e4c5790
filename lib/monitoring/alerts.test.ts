import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertMessage, describeCondition, evaluateRule, formatValue, windowLabel, type RuleForEvaluation } from './alerts';
import { fakeWindow, monthSeries, REFERENCE } from './alerts.testing';

const driftRule: RuleForEvaluation = { metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'gte', threshold: 0.1, consecutive: 2, windowKind: 'month' };
const drift = (...scores: (number | null)[]) => monthSeries('2026-01', scores.map((score) => ({ columns: { monthly_charge: { score } } })));

const ends = (r: { firings: { streakEnd: unknown }[] }) => r.firings.map((f) => f.streakEnd);

describe('evaluateRule', () => {
  it('fires when `consecutive` windows in a row breach, keyed by the window that completed the streak', () => {
    const ws = drift(0.02, 0.3, 0.42);
    const r = evaluateRule(driftRule, ws, REFERENCE);
    expect(r).toMatchObject({ value: 0.42, run: 2 });
    expect(ends(r)).toEqual([ws[2]]);
    expect(r.firings[0]!.message).toBe('monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-02, 2026-03)');
  });

  it('does not fire on a shorter run or an empty history', () => {
    expect(evaluateRule(driftRule, drift(0.02, 0.42), REFERENCE)).toMatchObject({ firings: [], run: 1, value: 0.42 });
    expect(evaluateRule(driftRule, [], REFERENCE)).toEqual({ firings: [], run: 0, value: null });
  });

  it('fires on a streak in the past too (a backfill, or labels for an old month arriving late)', () => {
    const ws = drift(0.3, 0.42, 0.05);
    const r = evaluateRule(driftRule, ws, REFERENCE);
    expect(r).toMatchObject({ run: 0, value: 0.05 });
    expect(ends(r)).toEqual([ws[1]]);
  });

  it('skips windows without a value: they neither breach nor break a streak', () => {
    const ws = drift(0.3, null, 0.42);
    expect(ends(evaluateRule(driftRule, ws, REFERENCE))).toEqual([ws[2]]);
    const auc: RuleForEvaluation = { metric: 'realized_auc', feature: null, comparison: 'lt', threshold: 0.8, consecutive: 1, windowKind: 'month' };
    // March has labels and breaches; April has none yet (its value is null) — the alert is on March.
    const months = [fakeWindow({ start: '2026-03', realizedAuc: 0.7 }), fakeWindow({ start: '2026-04' })];
    const r = evaluateRule(auc, months, REFERENCE);
    expect(r.value).toBe(0.7);
    expect(ends(r)).toEqual([months[0]]);
    expect(r.firings[0]!.message).toBe('Realized AUC 0.70 < 0.80 in 2026-03');
    expect(evaluateRule(auc, [fakeWindow({ start: '2026-04' })], REFERENCE)).toEqual({ firings: [], run: 0, value: null });
  });

  it('fires once per streak: a continuing streak stays quiet, a new streak after a break fires again', () => {
    const ws = drift(0.3, 0.42, 0.5, 0.6);
    expect(ends(evaluateRule(driftRule, ws.slice(0, 2), REFERENCE))).toEqual([ws[1]]);
    // The next months still breach: the event of 2026-02 already covers this streak.
    expect(evaluateRule(driftRule, ws.slice(0, 3), REFERENCE, { lastEventStart: ws[1]!.start }).firings).toEqual([]);
    expect(evaluateRule(driftRule, ws, REFERENCE, { lastEventStart: ws[1]!.start }).firings).toEqual([]);
    // Evaluated late (never evaluated on time): fires once, under the key it would have had.
    expect(ends(evaluateRule(driftRule, ws, REFERENCE))).toEqual([ws[1]]);
    // A break, then a new streak: both streaks when nothing fired yet, only the new one after the first's event.
    const again = drift(0.3, 0.42, 0.01, 0.2, 0.3);
    expect(ends(evaluateRule(driftRule, again, REFERENCE))).toEqual([again[1], again[4]]);
    expect(ends(evaluateRule(driftRule, again, REFERENCE, { lastEventStart: again[1]!.start }))).toEqual([again[4]]);
  });

  it('says "p-value" when the drift score is a test’s p-value', () => {
    const ws = monthSeries('2026-03', [1e-40, 3e-51].map((score) => ({ columns: { monthly_charge: { score, p_value: score, method: 'ks' } } })));
    const r = evaluateRule({ ...driftRule, comparison: 'lt', threshold: 0.05 }, ws, REFERENCE);
    expect(r.firings[0]!.message).toBe('monthly_charge drift p-value 3.0e-51 < 0.05 for 2 months in a row (2026-03, 2026-04)');
  });

  it('treats a missing window as a break, and only reads windows of the rule’s kind', () => {
    const [jan, , mar] = drift(0.3, 0.3, 0.42);
    expect(evaluateRule(driftRule, [jan!, mar!], REFERENCE).firings).toEqual([]);
    const week = fakeWindow({ start: '2026-03-30', kind: 'week', columns: { monthly_charge: { score: 0.9 } } });
    const ws = drift(0.01, 0.42);
    expect(ends(evaluateRule({ ...driftRule, consecutive: 1 }, [...ws, week], REFERENCE))).toEqual([ws[1]]);
    expect(ends(evaluateRule({ ...driftRule, consecutive: 1, windowKind: 'week' }, [...ws, week], REFERENCE))).toEqual([week]);
  });

  it('sorts the windows itself', () => {
    const ws = drift(0.02, 0.3, 0.42);
    expect(ends(evaluateRule(driftRule, [ws[2]!, ws[0]!, ws[1]!], REFERENCE))).toEqual([ws[2]]);
  });

  it('agrees with a brute-force definition on random histories (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -1, max: 11 }),
        (scores, consecutive, lastEventIndex) => {
          const ws = drift(...scores);
          const rule = { ...driftRule, consecutive };
          const last = lastEventIndex >= 0 && lastEventIndex < ws.length ? ws[lastEventIndex]!.start : null;
          const r = evaluateRule(rule, ws, REFERENCE, { lastEventStart: last });
          // Brute force over the windows that have a value: the k-th breach of every run of breaches.
          const expected: number[] = [];
          let runStart = -1;
          let count = 0;
          scores.forEach((sc, i) => {
            if (sc === null) return;
            if (sc >= 0.1) {
              if (count === 0) runStart = i;
              count++;
              if (count === consecutive && (last === null || ws[runStart]!.start > last)) expected.push(i);
            } else count = 0;
          });
          expect(r.firings.map((f) => ws.indexOf(f.streakEnd))).toEqual(expected);
          // Idempotent: with the newest event it would have opened, nothing fires again.
          const newest = r.firings.at(-1);
          if (newest) expect(evaluateRule(rule, ws, REFERENCE, { lastEventStart: newest.streakEnd.start }).firings).toEqual([]);
        },
      ),
    );
  });
});

describe('messages', () => {
  it('formats values and windows', () => {
    expect([formatValue(0.42), formatValue(0.1), formatValue(0.0031), formatValue(1234), formatValue(0), formatValue(-0.05), formatValue(0.0214)]).toEqual(['0.42', '0.10', '0.0031', '1,234', '0.00', '-0.05', '0.021']);
    expect(windowLabel(fakeWindow({ start: '2026-04-13', kind: 'week' }))).toBe('week of 2026-04-13');
    expect(windowLabel(fakeWindow({ start: '2026-04-13', kind: 'day' }))).toBe('2026-04-13');
  });

  it('names the feature or the metric', () => {
    const point = { window: fakeWindow({ start: '2026-04' }), value: 180 };
    expect(alertMessage({ metric: 'volume', feature: null, comparison: 'lt', threshold: 500, windowKind: 'month' }, [point])).toBe('Prediction volume 180 < 500 in 2026-04');
    expect(alertMessage({ metric: 'null_share_change', feature: 'plan', comparison: 'gt', threshold: 0.05, windowKind: 'month' }, [{ ...point, value: 0.08 }])).toBe('plan missing-share change 0.08 > 0.05 in 2026-04');
  });
});

describe('describeCondition', () => {
  it('puts a rule in words', () => {
    expect(describeCondition(driftRule)).toBe('monthly_charge drift ≥ 0.10 for 2 months in a row');
    expect(describeCondition({ ...driftRule, metric: 'volume', feature: null, comparison: 'lt', threshold: 500, consecutive: 1, windowKind: 'week' })).toBe('Prediction volume < 500 in a week');
  });
});
