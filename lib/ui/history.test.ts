import { describe, expect, it } from 'vitest';
import { hasBands, isDownsampled, keysWithHistory, mergeHistory, pointCounts, zoomRange } from './history';
import type { HistorySeries } from './tracking-types';

const series: HistorySeries[] = [
  { run_id: 'b', total_points: 3, points: [{ step: 0, value: 0.5, min: 0.5, max: 0.5, count: 1 }, { step: 2, value: 0.7, min: 0.6, max: 0.72, count: 2 }] },
  { run_id: 'a', total_points: 2, points: [{ step: 0, value: 0.4, count: 1 }, { step: 1, value: 'NaN', count: 1 }, { step: 2, value: 0.6, count: 1 }] },
  { run_id: 'x', total_points: 1, points: [{ step: 5, value: 1 }] },
];

describe('mergeHistory', () => {
  it('makes one row per step, keyed by the run order given, skipping unknown runs and non-finite values', () => {
    const rows = mergeHistory(series, ['a', 'b']);
    expect(rows.map((r) => r.step)).toEqual([0, 2]);
    expect(rows[0]).toEqual({ step: 0, v0: 0.4, b0: [0.4, 0.4], v1: 0.5, b1: [0.5, 0.5] });
    expect(rows[1]!.b1).toEqual([0.6, 0.72]);
    expect(hasBands(rows, 2)).toBe(true);
    expect(hasBands(mergeHistory(series, ['a']), 1)).toBe(false);
  });
});

describe('zoom', () => {
  it('orders the drag ends and ignores a click', () => {
    expect(zoomRange(40, 10)).toEqual({ min: 10, max: 40 });
    expect(zoomRange('3', 7)).toEqual({ min: 3, max: 7 });
    expect(zoomRange(5, 5)).toBeNull();
    expect(zoomRange(undefined, 5)).toBeNull();
  });
  it('reports downsampling and point counts', () => {
    expect(isDownsampled(series)).toBe(true);
    expect(isDownsampled([series[1]!])).toBe(false);
    expect(pointCounts(series)).toEqual({ drawn: 6, logged: 7 });
  });
  it('finds keys with a history', () => {
    expect(keysWithHistory([{ key: 'val_auc', step: 19 }, { key: 'test_auc', step: 0 }, { key: 'train_loss', step: 19 }])).toEqual(['train_loss', 'val_auc']);
  });
});
