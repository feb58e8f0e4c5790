import { describe, expect, it } from 'vitest';
import type { DisplayHistogram } from './histogram';
import type { ColumnDrift } from './stats';
import {
  describeTest,
  distributionBars,
  driftStrength,
  eventMarkers,
  featureOrder,
  featureSeries,
  fmtNum,
  heatmap,
  labelsCoverage,
  niceAxis,
  niceShareAxis,
  nullShareChanges,
  overviewSeries,
  plotScore,
  pTick,
  profileMean,
  strengthLevel,
  windowKey,
  windowLabel,
  windowTitle,
  type WindowView,
} from './views';
import { findings } from './findings';

const col = (over: Partial<ColumnDrift> = {}): ColumnDrift => ({
  type: 'numeric', method: 'wasserstein', statistic: 0.02, p_value: null, score: 0.02, threshold: 0.1, drift: false,
  null_share: { reference: 0.003, current: 0.003 }, ...over,
});
const wass = (score: number, nulls = 0.003) => col({ statistic: score, score, drift: score >= 0.1, null_share: { reference: 0.003, current: nulls } });
const js = (score: number) => col({ type: 'categorical', method: 'jensenshannon', statistic: score, score, drift: score >= 0.1 });

function win(month: string, cols: Record<string, ColumnDrift>, over: Partial<WindowView> = {}): WindowView {
  const names = Object.keys(cols);
  const drifted = names.filter((n) => cols[n]!.drift).length;
  const end = new Date(`${month}-01T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return {
    start: `${month}-01T00:00:00.000Z`, end: end.toISOString(), computedAt: '2026-11-02T10:00:00.000Z',
    predictions: 21000, labeled: 21000,
    drift: { columns: cols, drifted_columns: drifted, share: drifted / names.length, dataset_drift: drifted / names.length >= 0.5, drift_share: 0.5 },
    driftShare: drifted / names.length, datasetDrift: drifted / names.length >= 0.5,
    predictionDrift: wass(0.05), meanScore: 0.053,
    realized: { n: 21000, positives: 1500, base_rate: 0.072, mean_predicted: 0.053, auc: 0.82, precision: 0.3, recall: 0.5, f1: 0.37, accuracy: 0.9, log_loss: 0.2, brier: 0.05, ece: 0.01, calibration: [], confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, threshold: 0.12 },
    estimated: { n: 21000, auc: 0.82, precision: 0.31, recall: 0.52, f1: 0.39, accuracy: 0.9, expected_positives: 1100, confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, threshold: 0.12, auc_band: { lower: 0.81, upper: 0.83 } },
    ...over,
  };
}

// Three months like the demo: the price increase in March, the TV bug in June, no labels in the last one.
const windows: WindowView[] = [
  win('2026-03', { monthly_charge: wass(0.42), plan: js(0.12), watch_hours_30d: wass(0.01) }, {
    realized: { ...win('2026-03', {}).realized!, auc: 0.795 },
  }),
  win('2026-06', { monthly_charge: wass(0.45), plan: js(0.2), watch_hours_30d: wass(0.03, 0.123) }, {
    realized: { ...win('2026-06', {}).realized!, auc: 0.80 },
  }),
  win('2026-10', { monthly_charge: wass(0.44), plan: js(0.3), watch_hours_30d: wass(0.02) }, { labeled: 0, realized: null }),
];

describe('labels', () => {
  it('keys and labels windows by kind', () => {
    expect(windowKey('month', windows[0]!.start)).toBe('2026-03');
    expect(windowKey('day', '2026-03-04T00:00:00.000Z')).toBe('2026-03-04');
    expect(windowLabel('month', windows[0]!)).toBe('Mar 26');
    expect(windowTitle('month', windows[0]!)).toBe('Mar 2026');
    expect(windowTitle('week', { start: '2026-03-02T00:00:00.000Z', predictions: 1 })).toBe('week of 2 Mar 2026');
    expect(windowLabel('last_n', { start: '2026-03-02T00:00:00.000Z', predictions: 5000 })).toBe('last 5,000');
  });
  it('formats numbers compactly', () => {
    expect(fmtNum(0.4213)).toBe('0.42');
    expect(fmtNum(0.00001234)).toBe('1.2e−5');
    expect(fmtNum(Infinity)).toBe('∞');
    expect(fmtNum(null)).toBe('—');
  });
});

describe('axes', () => {
  it('floors p-values for a log axis and caps infinite distances', () => {
    expect(plotScore('ks', 0)).toBe(1e-12);
    expect(plotScore('chisquare', 0.2)).toBe(0.2);
    expect(plotScore('psi', Infinity)).toBe(10);
    expect(pTick(1e-6)).toBe('1e−6');
    expect(pTick(1)).toBe('1');
  });
  it('picks a readable share axis', () => {
    expect(niceShareAxis(0.123)).toEqual({ max: 0.2, ticks: [0, 0.05, 0.1, 0.15, 0.2] });
    expect(niceShareAxis(0.003)).toEqual({ max: 0.004, ticks: [0, 0.001, 0.002, 0.003, 0.004] });
    expect(niceShareAxis(0.9).max).toBe(1);
    expect(niceAxis(0.38)).toEqual({ max: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
    expect(niceAxis(0.15).max).toBe(0.2);
  });
});

describe('drift strength', () => {
  it('is score / threshold for distances and threshold / p for p-values', () => {
    expect(driftStrength({ method: 'wasserstein', score: 0.42, threshold: 0.1 })).toBeCloseTo(4.2);
    expect(driftStrength({ method: 'chisquare', score: 0.01, threshold: 0.05 })).toBeCloseTo(5);
    // a large p-value is weak drift even though the number is bigger
    expect(driftStrength({ method: 'ks', score: 0.5, threshold: 0.05 })).toBeCloseTo(0.1);
  });
  it('is capped, also for p = 0 and infinite statistics', () => {
    expect(driftStrength({ method: 'ks', score: 0, threshold: 0.05 })).toBe(10);
    expect(driftStrength({ method: 'psi', score: Infinity, threshold: 0.1 })).toBe(10);
  });
  it('takes the side of the threshold from the stored verdict', () => {
    expect(strengthLevel(1, true)).toBe(3);
    expect(strengthLevel(0.999, false)).toBe(2);
    expect(strengthLevel(4.2, true)).toBe(5);
    expect(strengthLevel(0.1, false)).toBe(0);
  });
  it('describes the test and the rule it met', () => {
    expect(describeTest(wass(0.42))).toBe('Wasserstein 0.42 ≥ 0.1');
    expect(describeTest(col({ method: 'chisquare', p_value: 0.001, score: 0.001, threshold: 0.05, drift: true }))).toBe('Chi-square p = 0.001 < 0.05');
  });
});

describe('heatmap', () => {
  it('has a row per feature in model order and flags drifted cells', () => {
    const h = heatmap('month', windows, featureOrder(windows, ['plan', 'monthly_charge', 'watch_hours_30d']));
    expect(h.columns.map((c) => c.key)).toEqual(['2026-03', '2026-06', '2026-10']);
    expect(h.rows.map((r) => r.feature)).toEqual(['plan', 'monthly_charge', 'watch_hours_30d']);
    const charge = h.rows[1]!;
    expect(charge.drifted).toBe(3);
    expect(charge.cells[0]).toMatchObject({ window: '2026-03', drift: true, level: 5, method: 'wasserstein' });
    expect(h.rows[2]!.cells.every((c) => c && !c.drift)).toBe(true);
  });
  it('puts features missing from the preferred order after it, sorted', () => {
    expect(featureOrder(windows, ['watch_hours_30d'])).toEqual(['watch_hours_30d', 'monthly_charge', 'plan']);
  });
});

describe('series', () => {
  it('carries realized and estimated AUC, the band, and labels coverage', () => {
    const s = overviewSeries('month', windows);
    expect(s.map((p) => p.realizedAuc)).toEqual([0.795, 0.8, null]);
    expect(s[2]!.estimatedAuc).toBe(0.82);
    expect(s[0]!.band).toEqual([0.81, 0.83]);
    expect(s[2]!.unlabeled).toBe(21000);
    expect(labelsCoverage(windows)).toMatchObject({ predictions: 63000, labeled: 42000, windowsWithLabels: 2 });
  });
  it('places in-range events on their window and drops the rest', () => {
    const m = eventMarkers('month', windows, [
      { id: 'mobile-plan-launch', month: '2025-11-01', title: 'Mobile plan launch' },
      { id: 'tv-tracking-bug', month: '2026-06-01', title: 'TV-app tracking bug' },
    ]);
    expect(m).toEqual([{ key: '2026-06', label: 'Jun 26', title: 'TV-app tracking bug', id: 'tv-tracking-bug' }]);
    expect(eventMarkers('last_n', windows, [{ id: 'x', month: '2026-06-01', title: 'x' }])).toEqual([]);
  });
  it('gives a feature its score, threshold and null shares per window', () => {
    const f = featureSeries('month', windows, 'watch_hours_30d');
    expect(f.map((p) => p.nullShare)).toEqual([0.003, 0.123, 0.003]);
    expect(f[1]).toMatchObject({ referenceNullShare: 0.003, threshold: 0.1, drift: false });
    expect(featureSeries('month', windows, 'nope')).toEqual([]);
  });
});

describe('too few labels', () => {
  it('withholds realized metrics backed by fewer than 100 labels', () => {
    const one = { ...windows[2]!, labeled: 1, realized: { ...windows[0]!.realized!, n: 1, positives: 1, base_rate: 1, auc: null } };
    const s = overviewSeries('month', [one]);
    expect(s[0]).toMatchObject({ observedRate: null, realizedAuc: null, realizedPrecision: null, fewLabels: true });
    const text = findings('month', [windows[0]!, one]).map((f) => f.text).join('\n');
    expect(text).not.toContain('100.0%');
    expect(text).toContain('Oct 2026: no or too few labels yet (under 100)');
  });
});

describe('data quality and findings', () => {
  it('lists null-share changes over 5 points', () => {
    const n = nullShareChanges('month', windows);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ feature: 'watch_hours_30d', window: '2026-06', windowTitle: 'Jun 2026' });
    expect(n[0]!.change).toBeCloseTo(0.12);
  });
  it('writes sentences from the data', () => {
    const f = findings('month', windows, { reference: { auc: 0.82, precision: null, recall: null, log_loss: null, base_rate: 0.05, split: 'test 2026-02' } });
    const text = f.map((x) => x.text).join('\n');
    expect(text).toContain('watch_hours_30d null share 12.3% in Jun 2026 vs 0.3% in the reference');
    expect(text).toContain('monthly_charge drifted from Mar 2026 (Wasserstein 0.42 ≥ 0.1), in every window since');
    expect(text).toContain('plan drifted from Mar 2026 (Jensen–Shannon 0.12 ≥ 0.1), in every window since; growing to 0.3 in Oct 2026');
    expect(text).toContain('Dataset drift in 3 of 3 windows');
    expect(text).toContain('Realized AUC below the label-free estimate from Mar 2026 to Jun 2026: 0.795 against 0.820 in Mar 2026, outside the estimate’s band; the reference (test 2026-02) had 0.820.');
    expect(text).toContain('In Mar 2026 the model predicted 5.3% churn on average and 7.2% of the scored customers churned: it under-predicts churn');
    expect(text).toContain('Oct 2026: no labels yet');
    expect(f[0]!.href).toBe('/monitoring/features/watch_hours_30d');
  });
  it('says so when nothing drifted', () => {
    const base = win('2026-03', { a: wass(0.01), b: wass(0.02) });
    const calm = [{ ...base, realized: { ...base.realized!, mean_predicted: 0.07 } }];
    const f = findings('month', calm, { reference: { auc: 0.82, precision: null, recall: null, log_loss: null, base_rate: 0.05, split: 'test' } });
    expect(f.map((x) => x.tone)).toEqual(['ok', 'ok']);
    expect(f[0]!.text).toMatch(/^No window reached dataset drift/);
  });
});

describe('distributions', () => {
  const refBins: DisplayHistogram = { kind: 'bins', edges: [0, 10, 20], counts: [60, 39], below: 0, above: 0, nulls: 1, n: 100 };
  it('normalises counts to shares of all rows, missing values as their own bar', () => {
    const cur: DisplayHistogram = { kind: 'bins', edges: [0, 10, 20], counts: [20, 20], below: 0, above: 5, nulls: 5, n: 50 };
    const bars = distributionBars(refBins, cur);
    expect(bars.map((b) => b.label)).toEqual(['0–10', '10–20', '> 20', 'missing']);
    expect(bars[0]).toMatchObject({ reference: 0.6, current: 0.4 });
    expect(bars[3]).toMatchObject({ reference: 0.01, current: 0.1, special: 'missing' });
    expect(bars.reduce((a, b) => a + b.current, 0)).toBeCloseTo(1);
    expect(bars.reduce((a, b) => a + b.reference, 0)).toBeCloseTo(1);
  });
  it('keeps categories only the window has', () => {
    const ref: DisplayHistogram = { kind: 'values', labels: ['basic', 'premium'], counts: [3, 1], below: 0, above: 0, nulls: 0, n: 4 };
    const cur: DisplayHistogram = { kind: 'values', labels: ['basic', 'premium', 'mobile'], counts: [1, 1, 2], below: 0, above: 0, nulls: 0, n: 4 };
    expect(distributionBars(ref, cur)).toEqual([
      { label: 'basic', reference: 0.75, current: 0.25 },
      { label: 'premium', reference: 0.25, current: 0.25 },
      { label: 'mobile', reference: 0, current: 0.5 },
    ]);
  });
  it('orders numeric values numerically, also values the reference never saw', () => {
    const ref: DisplayHistogram = { kind: 'values', labels: ['1', '2', '10'], counts: [1, 1, 1], below: 0, above: 0, nulls: 0, n: 3 };
    const cur: DisplayHistogram = { kind: 'values', labels: ['1', '2', '10', '0', '3'], counts: [1, 1, 1, 1, 1], below: 0, above: 0, nulls: 0, n: 5 };
    expect(distributionBars(ref, cur).map((b) => b.label)).toEqual(['0', '1', '2', '3', '10']);
  });
  it('takes a numeric profile mean from its sum', () => {
    expect(profileMean({ type: 'numeric', n: 4, nulls: 2, sum: 1 })).toBe(0.5);
    expect(profileMean({ type: 'categorical', n: 4, nulls: 0 })).toBeNull();
  });
});
