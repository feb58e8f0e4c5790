import { describe, expect, it } from 'vitest';
import { cellValue, columnId, defaultColumns, discoverColumns, orderByClause, parentRunId, parseColumnId, quoteKey } from './run-columns';
import { makeRun } from './test-runs';

describe('column ids', () => {
  it('split at the first dot only', () => {
    expect(parseColumnId('tags.mlflow.source.name')).toEqual({ kind: 'tags', key: 'mlflow.source.name' });
    expect(parseColumnId('metrics.val_auc')).toEqual({ kind: 'metrics', key: 'val_auc' });
    expect(columnId({ kind: 'params', key: 'l2' })).toBe('params.l2');
  });
  it('reject unknown kinds and empty keys', () => {
    expect(parseColumnId('foo.bar')).toBeNull();
    expect(parseColumnId('metrics.')).toBeNull();
    expect(parseColumnId('metrics')).toBeNull();
  });
});

describe('discoverColumns', () => {
  it('unions keys over runs, user tags before mlflow.* tags', () => {
    const runs = [
      makeRun('a', { params: { l2: '0.1', epochs: '10' }, metrics: { val_auc: 0.8 }, tags: { 'mlflow.user': 'x', team: 'ds' } }),
      makeRun('b', { params: { class_weight: 'balanced' }, metrics: { test_auc: 0.79, val_auc: 0.81 }, tags: { alpha: '1' } }),
    ];
    expect(discoverColumns(runs)).toEqual({
      params: ['class_weight', 'epochs', 'l2'],
      metrics: ['test_auc', 'val_auc'],
      tags: ['alpha', 'team', 'mlflow.user'],
    });
  });
  it('defaults to metrics then params, capped per kind', () => {
    const d = { params: ['a', 'b', 'c'], metrics: ['m1', 'm2'], tags: ['t'] };
    expect(defaultColumns(d, 2)).toEqual(['metrics.m1', 'metrics.m2', 'params.a', 'params.b']);
  });
});

describe('cellValue', () => {
  const run = makeRun('r1', { name: 'sweep-3', params: { l2: '0.01' }, metrics: { val_auc: 0.83, brier: 'NaN' }, tags: { team: 'ds' }, parent: 'p0', start: 1000, end: 61_000 });
  it('reads params as strings, metrics as numbers, tags and attributes', () => {
    expect(cellValue(run, { kind: 'params', key: 'l2' })).toBe('0.01');
    expect(cellValue(run, { kind: 'metrics', key: 'val_auc' })).toBe(0.83);
    expect(cellValue(run, { kind: 'metrics', key: 'brier' })).toBeNaN();
    expect(cellValue(run, { kind: 'tags', key: 'team' })).toBe('ds');
    expect(cellValue(run, { kind: 'attributes', key: 'run_name' })).toBe('sweep-3');
    expect(cellValue(run, { kind: 'attributes', key: 'duration' })).toBe(60_000);
    expect(cellValue(run, { kind: 'metrics', key: 'missing' })).toBeNull();
    expect(parentRunId(run)).toBe('p0');
  });
});

describe('orderByClause', () => {
  it('builds MLflow order_by items, quoting odd keys', () => {
    expect(orderByClause({ kind: 'metrics', key: 'val_auc' }, 'DESC')).toBe('metrics.val_auc DESC');
    expect(orderByClause({ kind: 'metrics', key: 'f1-score' }, 'ASC')).toBe('metrics.`f1-score` ASC');
    expect(orderByClause({ kind: 'tags', key: 'mlflow.runName' }, 'ASC')).toBe('tags.`mlflow.runName` ASC');
    expect(orderByClause({ kind: 'attributes', key: 'start_time' }, 'DESC')).toBe('attributes.start_time DESC');
    expect(orderByClause({ kind: 'attributes', key: 'duration' }, 'DESC')).toBeNull();
    expect(quoteKey('a`b c')).toBe('`ab c`');
  });
});
