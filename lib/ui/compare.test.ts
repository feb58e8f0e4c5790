import { describe, expect, it } from 'vitest';
import { buildCompareRows, deltaQuality, filterRows, metricDirection, pctDelta, sectionCounts, transpose, valuesDiffer, delta } from './compare';
import { makeRun } from './test-runs';

const runs = [
  makeRun('a', { params: { l2: '0.01', epochs: '20', class_weight: 'balanced' }, metrics: { val_auc: 0.8, val_loss: 0.5 }, tags: { team: 'ds' }, start: 1000, end: 61_000 }),
  makeRun('b', { params: { l2: '1e-2', epochs: '40', class_weight: 'none' }, metrics: { val_auc: 0.84, val_loss: 0.45 }, tags: { team: 'ds' }, start: 1000, end: 91_000 }),
  makeRun('c', { params: { l2: '0.1', epochs: '20' }, metrics: { val_auc: 0.76, val_loss: 0, brier: 'NaN' }, tags: { team: 'ds' }, start: 1000, end: 31_000, parent: 'a' }),
];

describe('differences', () => {
  it('treat missing as different and NaN as equal to NaN', () => {
    expect(valuesDiffer(['x', 'x'])).toBe(false);
    expect(valuesDiffer(['x', null])).toBe(true);
    expect(valuesDiffer([NaN, NaN])).toBe(false);
    expect(valuesDiffer([1])).toBe(false);
  });
  it('compare numeric params by value, so 0.01 equals 1e-2', () => {
    const rows = buildCompareRows(runs.slice(0, 2), { baselineIndex: 0 });
    const l2 = rows.find((r) => r.id === 'params.l2')!;
    expect(l2.numeric).toBe(true);
    expect(l2.differs).toBe(false);
    expect(rows.find((r) => r.id === 'params.epochs')!.differs).toBe(true);
    expect(rows.find((r) => r.id === 'tags.team')!.differs).toBe(false);
  });
});

describe('baseline deltas', () => {
  it('are value − baseline and relative to |baseline|', () => {
    expect(delta(0.84, 0.8)).toBeCloseTo(0.04);
    expect(pctDelta(0.84, 0.8)).toBeCloseTo(0.05);
    expect(pctDelta(-0.9, -1)).toBeCloseTo(0.1);
    expect(pctDelta(1, 0)).toBeNull();
    expect(delta(NaN, 1)).toBeNull();
    expect(delta(null, 1)).toBeNull();
  });
  it('are computed per run against the chosen baseline, null on the baseline itself', () => {
    const rows = buildCompareRows(runs, { baselineIndex: 1 });
    const auc = rows.find((r) => r.id === 'metrics.val_auc')!;
    expect(auc.delta[1]).toBeNull();
    expect(auc.delta[0]).toBeCloseTo(-0.04);
    expect(auc.pct[0]).toBeCloseTo(-0.04 / 0.84);
    expect(auc.delta[2]).toBeCloseTo(-0.08);
    const loss = buildCompareRows(runs, { baselineIndex: 2 }).find((r) => r.id === 'metrics.val_loss')!;
    expect(loss.delta[0]).toBeCloseTo(0.5);
    expect(loss.pct[0]).toBeNull(); // baseline 0
    const dur = rows.find((r) => r.id === 'attributes.duration')!;
    expect(dur.delta[0]).toBe(-30_000);
  });
  it('are not computed for categorical params or missing values', () => {
    const rows = buildCompareRows(runs, { baselineIndex: 0 });
    const cw = rows.find((r) => r.id === 'params.class_weight')!;
    expect(cw.numeric).toBe(false);
    expect(cw.delta).toEqual([null, null, null]);
    const brier = rows.find((r) => r.id === 'metrics.brier')!;
    expect(brier.values[0]).toBeNull();
    expect(brier.delta).toEqual([null, null, null]);
    expect(brier.differs).toBe(true);
  });
  it('clamps an out-of-range baseline index', () => {
    const rows = buildCompareRows(runs, { baselineIndex: 9 });
    expect(rows.find((r) => r.id === 'metrics.val_auc')!.delta[2]).toBeNull();
  });
});

describe('rows', () => {
  it('list attributes, then params, metrics and tags, sorted; the parent tag becomes an attribute', () => {
    const rows = buildCompareRows(runs, { baselineIndex: 0, experimentNames: new Map([['1', 'sweep']]) });
    expect(rows.filter((r) => r.section === 'params').map((r) => r.key)).toEqual(['class_weight', 'epochs', 'l2']);
    expect(rows.filter((r) => r.section === 'metrics').map((r) => r.key)).toEqual(['brier', 'val_auc', 'val_loss']);
    expect(rows.some((r) => r.id === 'tags.mlflow.parentRunId')).toBe(false);
    expect(rows.find((r) => r.id === 'attributes.parent')!.values).toEqual([null, null, 'a']);
    expect(rows.find((r) => r.id === 'attributes.experiment_id')!.values).toEqual(['sweep', 'sweep', 'sweep']);
  });
  it('filter to differences and by key, keeping the attribute rows', () => {
    const rows = buildCompareRows(runs.slice(0, 2), { baselineIndex: 0 });
    const diff = filterRows(rows, { diffOnly: true });
    expect(diff.filter((r) => r.section !== 'attributes').map((r) => r.id)).toEqual(['params.class_weight', 'params.epochs', 'metrics.val_auc', 'metrics.val_loss']);
    expect(diff.some((r) => r.id === 'attributes.run_id')).toBe(true);
    expect(filterRows(rows, { diffOnly: false, query: 'AUC' }).filter((r) => r.section !== 'attributes').map((r) => r.id)).toEqual(['metrics.val_auc']);
    const counts = sectionCounts(rows);
    expect(counts.params).toEqual({ total: 3, differ: 2 });
    expect(counts.tags).toEqual({ total: 1, differ: 0 });
  });
});

describe('metric direction', () => {
  it('guesses from the key', () => {
    expect(metricDirection('val_loss')).toBe('min');
    expect(metricDirection('brier')).toBe('min');
    expect(metricDirection('test_log_loss')).toBe('min');
    expect(metricDirection('val_pr_auc')).toBe('max');
    expect(metricDirection('epochs_run')).toBeNull();
    expect(deltaQuality('val_auc', 0.01)).toBe(1);
    expect(deltaQuality('val_loss', 0.01)).toBe(-1);
    expect(deltaQuality('epochs_run', 3)).toBe(0);
  });
});

describe('transpose', () => {
  it('swaps rows and columns', () => {
    expect(transpose([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(transpose([])).toEqual([]);
    expect(transpose(transpose([['a', 'b']]))).toEqual([['a', 'b']]);
  });
});
