import { describe, expect, it } from 'vitest';
import { aliasHistory, aliasMap, aliasProblem, formatVersionMetric, reasonProblem, rollbackCandidates, sortVersions } from './registry';
import type { ModelVersion } from './tracking-types';

const mv = (version: string, aliases: string[] = []): ModelVersion => ({ name: 'churn', version, creation_timestamp: 0, aliases });
const versions = [mv('1'), mv('2', ['challenger']), mv('10', ['champion']), mv('9')];

describe('aliases', () => {
  it('merge the model list and the version lists, champion first', () => {
    const m = aliasMap({ name: 'churn', creation_timestamp: 0, aliases: [{ alias: 'staging', version: '9' }, { alias: 'champion', version: '10' }] }, versions);
    expect([...m.entries()]).toEqual([
      ['champion', '10'],
      ['challenger', '2'],
      ['staging', '9'],
    ]);
  });
  it('sort versions numerically and offer older ones for rollback', () => {
    expect(sortVersions(versions).map((v) => v.version)).toEqual(['10', '9', '2', '1']);
    expect(rollbackCandidates(versions, '10').map((v) => v.version)).toEqual(['9', '2', '1']);
    expect(rollbackCandidates(versions, '1')).toEqual([]);
    expect(rollbackCandidates(versions, undefined)).toEqual([]);
  });
});

describe('validation', () => {
  it('requires a reason of five characters', () => {
    expect(reasonProblem('')).toMatch(/required/);
    expect(reasonProblem('  ok  ')).toMatch(/at least 5/);
    expect(reasonProblem('AUC +0.02 on holdout')).toBeNull();
  });
  it('checks alias names like the server', () => {
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('my alias')).toMatch(/only contain/);
    expect(aliasProblem('v3')).toMatch(/reserved/);
    expect(aliasProblem('')).toMatch(/Choose/);
  });
});

describe('aliasHistory', () => {
  it('keeps this model’s alias events, newest first', () => {
    const e = (id: number, action: string, targetId: string, details: Record<string, unknown>) => ({ id, at: `2026-01-0${id}`, actorLabel: 'ds@x', action, targetType: 'registered_model', targetId, details });
    const h = aliasHistory(
      [
        e(1, 'registry.alias_set', 'churn', { alias: 'champion', from_version: null, to_version: 1, reason: 'first' }),
        e(2, 'registry.alias_set', 'other', { alias: 'champion', to_version: 3, reason: 'x' }),
        e(3, 'registry.alias_rollback', 'churn', { alias: 'champion', from_version: 2, to_version: 1, reason: 'regression' }),
        e(4, 'auth.sign_in', 'churn', {}),
      ],
      'churn',
    );
    expect(h.map((x) => [x.id, x.kind, x.from, x.to])).toEqual([
      [3, 'rollback', '2', '1'],
      [1, 'set', null, '1'],
    ]);
    expect(h[0]!.reason).toBe('regression');
  });
});

describe('version metrics', () => {
  it('show AUC to three decimals, ECE in points and EMP in dollars per customer', () => {
    expect(formatVersionMetric('test_auc', 0.87654)).toBe('0.877');
    expect(formatVersionMetric('test_ece', 0.0123)).toBe('1.2 pp');
    expect(formatVersionMetric('test_emp', 0.6712)).toBe('$0.67/cust.');
    expect(formatVersionMetric('test_emp', -0.5)).toBe('−$0.50/cust.');
  });
});
