import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHref,
  decodeCompareState,
  decodeExperimentIds,
  decodeList,
  decodeOrder,
  decodeRunsState,
  encodeCompareState,
  encodeList,
  encodeRunsState,
  safeDecode,
  toQueryString,
  type RunsViewState,
} from './url-state';

describe('lists', () => {
  it('round-trip keys holding commas, dots and spaces', () => {
    const keys = ['metrics.val_auc', 'params.a,b', 'tags.my key', 'tags.100%'];
    expect(decodeList(encodeList(keys))).toEqual(keys);
    expect(encodeList(['metrics.val_auc', 'params.l2'])).toBe('metrics.val_auc,params.l2');
  });
  it('survive URLSearchParams (what the browser does)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { maxLength: 6 }), (items) => {
        const p = new URLSearchParams(toQueryString(new URLSearchParams({ x: encodeList(items) })));
        expect(decodeList(p.get('x'))).toEqual(items);
      }),
    );
  });
});

describe('runs view state', () => {
  it('decodes an empty URL to the defaults', () => {
    expect(decodeRunsState(new URLSearchParams())).toEqual({ filter: '', order: null, cols: null, selected: [], flat: false });
  });
  it('round-trips every field and keeps foreign params', () => {
    const s: RunsViewState = {
      filter: "metrics.val_auc > 0.8 and params.class_weight = 'balanced'",
      order: { col: 'metrics.val_auc', dir: 'DESC' },
      cols: ['metrics.val_auc', 'params.l2', 'tags.mlflow.source.name'],
      selected: ['abc', 'def'],
      flat: true,
    };
    const p = encodeRunsState(s, new URLSearchParams({ experiments: '1,2' }));
    expect(p.get('experiments')).toBe('1,2');
    expect(p.get('order')).toBe('-metrics.val_auc');
    const back = decodeRunsState(new URLSearchParams(toQueryString(p)));
    expect(back).toEqual(s);
  });
  it('leaves defaults out of the URL; an empty column choice is kept', () => {
    const p = encodeRunsState({ filter: '  ', order: null, cols: null, selected: [], flat: false });
    expect(p.toString()).toBe('');
    expect(decodeRunsState(encodeRunsState({ filter: '', order: null, cols: [], selected: [], flat: false })).cols).toEqual([]);
  });
  it('reads the sort direction from a leading minus', () => {
    expect(decodeOrder('metrics.val_auc')).toEqual({ col: 'metrics.val_auc', dir: 'ASC' });
    expect(decodeOrder('-attributes.start_time')).toEqual({ col: 'attributes.start_time', dir: 'DESC' });
    expect(decodeOrder('garbage')).toBeNull();
  });
});

describe('compare state', () => {
  it('defaults the baseline to the first run and ignores an unknown one', () => {
    const s = decodeCompareState(new URLSearchParams('runs=a,b,c&baseline=zzz'));
    expect(s.baseline).toBe('a');
    expect(decodeCompareState(new URLSearchParams('runs=a,b&baseline=b')).baseline).toBe('b');
    expect(s.deltas).toBe(true);
    expect(s.charts).toBeNull();
  });
  it('round-trips', () => {
    const s = decodeCompareState(new URLSearchParams('runs=a,b,c&baseline=b&diff=1&transpose=1&deltas=0&charts=val_auc,val_loss&axes=params.l2&color=metrics.val_auc&x=params.l2&y=metrics.test_auc&importance=val_auc'));
    expect(decodeCompareState(encodeCompareState(s))).toEqual(s);
    expect(s).toMatchObject({ diffOnly: true, transpose: true, deltas: false, charts: ['val_auc', 'val_loss'], axes: ['params.l2'] });
  });
  it('builds compare links with readable commas', () => {
    expect(compareHref(['a', 'b'])).toBe('/experiments/compare?runs=a,b');
    expect(compareHref(['a', 'b'], 'b')).toBe('/experiments/compare?runs=a,b&baseline=b');
  });
  it('keeps only numeric experiment ids', () => {
    expect(decodeExperimentIds('1,2,x,2')).toEqual(['1', '2']);
    expect(decodeExperimentIds(null)).toEqual([]);
  });
});

describe('safeDecode', () => {
  it('decodes once and tolerates stray percent signs', () => {
    expect(safeDecode('streamflow%20churn')).toBe('streamflow churn');
    expect(safeDecode('100%')).toBe('100%');
  });
});
