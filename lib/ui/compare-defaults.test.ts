import { describe, expect, it } from 'vitest';
import { buildCompareRows } from './compare';
import { defaultAxes, defaultCharts, preferredMetric } from './compare-defaults';
import { makeRun } from './test-runs';

describe('compare defaults', () => {
  it('prefer validation AUC, then other AUCs, then the first key', () => {
    expect(preferredMetric(['brier', 'test_auc', 'val_auc'])).toBe('val_auc');
    expect(preferredMetric(['brier', 'test_auc'])).toBe('test_auc');
    expect(preferredMetric(['brier', 'loss'])).toBe('brier');
    expect(preferredMetric([])).toBeNull();
  });
  it('chart the preferred metric and the validation loss', () => {
    expect(defaultCharts(['train_loss', 'val_auc', 'val_loss', 'val_pr_auc'])).toEqual(['val_auc', 'val_loss']);
    expect(defaultCharts(['train_loss', 'val_auc'])).toEqual(['val_auc', 'train_loss']);
    expect(defaultCharts(['x'])).toEqual(['x']);
    expect(defaultCharts([])).toEqual([]);
  });
  it('put the varying params on the parallel axes', () => {
    const runs = [makeRun('a', { params: { l2: '0.1', epochs: '10', seed: '1' } }), makeRun('b', { params: { l2: '0.01', epochs: '10', seed: '2' } })];
    const rows = buildCompareRows(runs, { baselineIndex: 0 });
    expect(defaultAxes(rows)).toEqual(['params.l2', 'params.seed']);
    expect(defaultAxes(rows, 1)).toEqual(['params.l2']);
    const same = buildCompareRows([runs[0]!, runs[0]!], { baselineIndex: 0 });
    expect(defaultAxes(same)).toEqual(['params.epochs', 'params.l2', 'params.seed']);
  });
});
