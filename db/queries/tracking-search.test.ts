// Run and experiment search on PGlite and (when TEST_DATABASE_URL is set) real PostgreSQL: the parsed grammar
// compiled to SQL must give exactly MLflow's result sets and orders on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseExperimentOrderBy, parseRunFilter, parseRunOrderBy } from '@/lib/tracking/search';
import type { DbHandle } from '../client';
import { experimentTags, experiments, latestMetrics, params, runInputs, runs, runTags } from '../schema';
import { openTestDb, testDrivers } from '../test-utils';
import { searchExperimentIds, searchRunIds, type RunSearch } from './tracking-search';

type RunSpec = {
  id: string;
  exp: 'A' | 'B';
  name: string;
  status: string;
  user: string;
  start: number;
  end: number | null;
  deleted?: boolean;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  metrics?: Record<string, number>;
  inputs?: { name: string; digest: string; context: string }[];
};

// Start times are distinct except r6/r7, which tie so the run-id tie-breaker is visible.
const RUNS: RunSpec[] = [
  { id: 'r1', exp: 'A', name: 'alpha', status: 'FINISHED', user: 'ann', start: 1000, end: 2000, params: { model: 'xgb', lr: '0.1' }, tags: { team: 'Red' }, metrics: { auc: 0.9, loss: 0.2 } },
  { id: 'r2', exp: 'A', name: 'beta', status: 'FINISHED', user: 'bob', start: 2000, end: 3000, params: { model: 'XGB-large', lr: '0.01' }, tags: { team: 'blue' }, metrics: { auc: 0.7, loss: NaN } },
  { id: 'r3', exp: 'A', name: 'gamma', status: 'RUNNING', user: 'ann', start: 3000, end: null, params: { model: 'lgbm' }, tags: { team: 'red' }, metrics: { auc: NaN } },
  { id: 'r4', exp: 'A', name: 'delta', status: 'FAILED', user: 'carl', start: 4000, end: 4500, params: { model: 'xgb' } },
  { id: 'r5', exp: 'A', name: 'eps', status: 'FINISHED', user: 'ann', start: 5000, end: 5100, deleted: true, params: { model: 'xgb' }, metrics: { auc: 0.95 } },
  { id: 'r6', exp: 'B', name: 'zeta', status: 'FINISHED', user: 'dan', start: 2500, end: 2600, params: { model: 'xgb' }, metrics: { auc: 0.8 }, inputs: [{ name: 'churn', digest: 'abc', context: 'train' }] },
  { id: 'r7', exp: 'B', name: 'eta', status: 'FINISHED', user: 'dan', start: 2500, end: null, metrics: { auc: 0.8, 'f1-score': 0.5 }, inputs: [{ name: 'churn-eval', digest: 'def', context: 'eval' }] },
];

describe.each(testDrivers())('tracking search on %s', (driver) => {
  let h: DbHandle;
  const exp: Record<string, number> = {};

  beforeAll(async () => {
    h = await openTestDb(driver);
    const db = h.db;
    for (const [key, name, created, updated, stage] of [
      ['A', 'churn-a', 100, 500, 'active'],
      ['B', 'Churn-B', 200, 300, 'active'],
      ['C', 'old', 300, 300, 'deleted'],
    ] as const) {
      const [row] = await db
        .insert(experiments)
        .values({ name, artifactLocation: `mlflow-artifacts:/${name}`, lifecycleStage: stage, creationTime: created, lastUpdateTime: updated })
        .returning({ id: experiments.experimentId });
      exp[key] = row!.id;
    }
    await db.insert(experimentTags).values([
      { experimentId: exp.A!, key: 'owner', value: 'ann' },
      { experimentId: exp.B!, key: 'owner', value: 'bob' },
    ]);
    for (const r of RUNS) {
      await db.insert(runs).values({
        runId: r.id, experimentId: exp[r.exp]!, runName: r.name, userId: r.user, status: r.status, startTime: r.start, endTime: r.end,
        lifecycleStage: r.deleted ? 'deleted' : 'active', artifactUri: `mlflow-artifacts:/${r.exp}/${r.id}/artifacts`,
      });
      const kv = (o: Record<string, string> = {}) => Object.entries(o).map(([key, value]) => ({ runId: r.id, key, value }));
      if (r.params) await db.insert(params).values(kv(r.params));
      if (r.tags) await db.insert(runTags).values(kv(r.tags));
      const metrics = Object.entries(r.metrics ?? {}).map(([key, value]) => ({ runId: r.id, key, value, timestamp: r.start, step: 0 }));
      if (metrics.length) await db.insert(latestMetrics).values(metrics);
      for (const i of r.inputs ?? []) {
        await db.insert(runInputs).values({
          runId: r.id, name: i.name, digest: i.digest, dataset: { name: i.name, digest: i.digest, source_type: 'local', source: 'x' },
          tags: [{ key: 'mlflow.data.context', value: i.context }],
        });
      }
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  async function find(filter: string, opts: Partial<Omit<RunSearch, 'filter' | 'orderBy'>> & { orderBy?: string[] } = {}) {
    const { orderBy, ...rest } = opts;
    const search: RunSearch = {
      experimentIds: [exp.A!, exp.B!], runViewType: 'ACTIVE_ONLY', maxResults: 100, offset: 0,
      ...rest, filter: parseRunFilter(filter), orderBy: parseRunOrderBy(orderBy),
    };
    return searchRunIds({ db: h.db, search });
  }
  const ids = async (filter: string, opts: Parameters<typeof find>[1] = {}) => (await find(filter, opts)).runIds;

  it('orders by start_time DESC then run_id by default, and honours run_view_type', async () => {
    expect(await find('')).toEqual({ runIds: ['r4', 'r3', 'r6', 'r7', 'r2', 'r1'], hasMore: false });
    expect(await ids('', { runViewType: 'DELETED_ONLY' })).toEqual(['r5']);
    expect(await ids('', { runViewType: 'ALL' })).toEqual(['r5', 'r4', 'r3', 'r6', 'r7', 'r2', 'r1']);
  });

  it('searches only the requested experiments', async () => {
    expect(await ids('', { experimentIds: [exp.A!] })).toEqual(['r4', 'r3', 'r2', 'r1']);
    expect(await ids('', { experimentIds: [exp.B!] })).toEqual(['r6', 'r7']);
    expect(await ids('', { experimentIds: [exp.C!] })).toEqual([]);
    expect(await ids('', { experimentIds: [] })).toEqual([]);
  });

  it('filters on metrics with every comparator; a missing metric never matches and NaN only matches !=', async () => {
    expect(await ids('metrics.auc > 0.75')).toEqual(['r6', 'r7', 'r1']);
    expect(await ids('metrics.auc >= 0.8')).toEqual(['r6', 'r7', 'r1']);
    expect(await ids('metrics.auc < 1')).toEqual(['r6', 'r7', 'r2', 'r1']);
    expect(await ids('metrics.auc <= 0.7')).toEqual(['r2']);
    expect(await ids('metrics.auc = 0.8')).toEqual(['r6', 'r7']);
    expect(await ids('metrics.auc != 0.9')).toEqual(['r3', 'r6', 'r7', 'r2']);
    expect(await ids('metrics.loss > -1e9')).toEqual(['r1']);
    expect(await ids('metrics.loss != 5')).toEqual(['r2', 'r1']);
    expect(await ids('metrics.nope > 0')).toEqual([]);
    expect(await ids('metrics.`f1-score` >= 0.5')).toEqual(['r7']);
  });

  it('filters on params and tags: LIKE is case-sensitive, ILIKE is not, != needs the key', async () => {
    expect(await ids("params.model = 'xgb'")).toEqual(['r4', 'r6', 'r1']);
    expect(await ids("params.model LIKE 'xgb%'")).toEqual(['r4', 'r6', 'r1']);
    expect(await ids("params.model ILIKE 'xgb%'")).toEqual(['r4', 'r6', 'r2', 'r1']);
    expect(await ids("params.model LIKE '_gbm'")).toEqual(['r3']);
    expect(await ids("params.model != 'xgb'")).toEqual(['r3', 'r2']);
    expect(await ids("params.lr = '0.1'")).toEqual(['r1']);
    expect(await ids("tags.team = 'red'")).toEqual(['r3']);
    expect(await ids("tags.team ILIKE 'RED'")).toEqual(['r3', 'r1']);
    expect(await ids("tags.team != 'red'")).toEqual(['r2', 'r1']);
    expect(await ids("tags.`mlflow.runName` = 'alpha'")).toEqual(['r1']);
    expect(await ids("tags.mlflow.runName LIKE '%ta'")).toEqual(['r4', 'r6', 'r7', 'r2']);
  });

  it('filters on string and numeric attributes, aliases and run_id lists', async () => {
    expect(await ids("attributes.status = 'FINISHED'")).toEqual(['r6', 'r7', 'r2', 'r1']);
    expect(await ids("status != 'FINISHED'")).toEqual(['r4', 'r3']);
    expect(await ids("run_name LIKE '%ta'")).toEqual(['r4', 'r6', 'r7', 'r2']);
    expect(await ids("`Run name` ILIKE 'ALPHA'")).toEqual(['r1']);
    expect(await ids("user_id = 'ann'")).toEqual(['r3', 'r1']);
    expect(await ids("artifact_uri LIKE '%/B/%'")).toEqual(['r6', 'r7']);
    expect(await ids("lifecycle_stage = 'deleted'", { runViewType: 'ALL' })).toEqual(['r5']);
    expect(await ids("run_id IN ('r1', 'r3', 'zzz')")).toEqual(['r3', 'r1']);
    expect(await ids("run_id NOT IN ('r1', 'r3')")).toEqual(['r4', 'r6', 'r7', 'r2']);
    expect(await ids("run_id = 'r2'")).toEqual(['r2']);
    expect(await ids("run_id LIKE 'r%' and run_id != 'r4'")).toEqual(['r3', 'r6', 'r7', 'r2', 'r1']);
    expect(await ids('start_time >= 2500 AND end_time < 4600')).toEqual(['r4', 'r6']);
    expect(await ids('created < 2000')).toEqual(['r1']);
    expect(await ids('attributes.end_time > 0')).toEqual(['r4', 'r6', 'r2', 'r1']);
    expect(await ids('start_time = 2500')).toEqual(['r6', 'r7']);
  });

  it('filters on dataset name, digest and context', async () => {
    expect(await ids("datasets.name = 'churn'")).toEqual(['r6']);
    expect(await ids("datasets.name LIKE 'churn%'")).toEqual(['r6', 'r7']);
    expect(await ids("datasets.digest IN ('abc', 'def')")).toEqual(['r6', 'r7']);
    expect(await ids("datasets.digest NOT IN ('abc')")).toEqual(['r7']);
    expect(await ids("datasets.context = 'eval'")).toEqual(['r7']);
    expect(await ids("datasets.context ILIKE 'TR%'")).toEqual(['r6']);
    expect(await ids("datasets.context IN ('train', 'eval') and datasets.name != 'churn'")).toEqual(['r7']);
  });

  it('combines clauses with AND', async () => {
    expect(await ids("metrics.auc >= 0.8 AND params.model = 'xgb'")).toEqual(['r6', 'r1']);
    expect(await ids("metrics.auc > 0.5 and params.model ILIKE 'xgb%' and status = 'FINISHED' and user_id != 'dan'")).toEqual(['r2', 'r1']);
    expect(await ids("metrics.auc > 0.5 and metrics.auc < 0.85 and tags.team = 'blue'")).toEqual(['r2']);
  });

  it('sorts by a metric with NaN after numbers and missing values last, in both directions', async () => {
    expect(await ids('', { orderBy: ['metrics.auc DESC'] })).toEqual(['r1', 'r6', 'r7', 'r2', 'r3', 'r4']);
    expect(await ids('', { orderBy: ['metrics.auc'] })).toEqual(['r2', 'r6', 'r7', 'r1', 'r3', 'r4']);
    expect(await ids('', { orderBy: ['metrics.loss ASC', 'start_time ASC'] })).toEqual(['r1', 'r2', 'r6', 'r7', 'r3', 'r4']);
    expect(await ids('metrics.auc > 0', { orderBy: ['metrics.auc DESC', 'run_id DESC'] })).toEqual(['r1', 'r7', 'r6', 'r2']);
  });

  it('gives the same answer when a filter is on the sort key (it is applied in the sort join)', async () => {
    expect(await ids('metrics.auc > 0.75', { orderBy: ['metrics.auc DESC'] })).toEqual(['r1', 'r6', 'r7']);
    expect(await ids('metrics.auc != 0.9', { orderBy: ['metrics.auc ASC'] })).toEqual(['r2', 'r6', 'r7', 'r3']);
    expect(await ids('metrics.auc > 0.5 and metrics.auc < 0.85', { orderBy: ['metrics.auc DESC'] })).toEqual(['r6', 'r7', 'r2']);
    expect(await ids("metrics.auc >= 0.8 and params.model = 'xgb'", { orderBy: ['metrics.auc DESC', 'params.model'] })).toEqual(['r1', 'r6']);
    expect(await ids("params.lr != 'x'", { orderBy: ['params.lr'] })).toEqual(['r2', 'r1']);
    expect(await ids("tags.team ILIKE 'r%' and metrics.loss < 1", { orderBy: ['tags.team DESC', 'metrics.auc'] })).toEqual(['r1']);
    expect(await ids("tags.team LIKE '%e%'", { orderBy: ['tags.team', 'metrics.nope DESC'] })).toEqual(['r1', 'r2', 'r3']);
  });

  it('sorts by params, tags and attributes in byte order with missing values last', async () => {
    expect(await ids('', { orderBy: ['params.lr ASC'] })).toEqual(['r2', 'r1', 'r4', 'r3', 'r6', 'r7']);
    expect(await ids('', { orderBy: ['params.lr DESC'] })).toEqual(['r1', 'r2', 'r4', 'r3', 'r6', 'r7']);
    expect(await ids('', { orderBy: ['tags.team DESC'] })).toEqual(['r3', 'r2', 'r1', 'r4', 'r6', 'r7']);
    expect(await ids('', { orderBy: ['attributes.run_name'] })).toEqual(['r1', 'r2', 'r4', 'r7', 'r3', 'r6']);
    expect(await ids('', { orderBy: ['tags.`mlflow.runName` DESC'] })).toEqual(['r6', 'r3', 'r7', 'r4', 'r2', 'r1']);
    expect(await ids('', { orderBy: ['end_time ASC'] })).toEqual(['r1', 'r6', 'r2', 'r4', 'r3', 'r7']);
    expect(await ids('', { orderBy: ['end_time DESC'] })).toEqual(['r4', 'r2', 'r6', 'r1', 'r3', 'r7']);
    expect(await ids('', { orderBy: ['start_time ASC'] })).toEqual(['r1', 'r2', 'r6', 'r7', 'r3', 'r4']);
    expect(await ids('', { orderBy: ['status', 'user_id DESC'] })).toEqual(['r4', 'r6', 'r7', 'r2', 'r1', 'r3']);
    expect(await ids('', { orderBy: ['experiment_id DESC'] })).toEqual(['r6', 'r7', 'r4', 'r3', 'r2', 'r1']);
  });

  it('pages with offset and hasMore without losing or repeating runs', async () => {
    expect(await find('', { maxResults: 2 })).toEqual({ runIds: ['r4', 'r3'], hasMore: true });
    expect(await find('', { maxResults: 2, offset: 2 })).toEqual({ runIds: ['r6', 'r7'], hasMore: true });
    expect(await find('', { maxResults: 2, offset: 4 })).toEqual({ runIds: ['r2', 'r1'], hasMore: false });
    expect(await find('', { maxResults: 6 })).toEqual({ runIds: ['r4', 'r3', 'r6', 'r7', 'r2', 'r1'], hasMore: false });
    expect(await find('', { maxResults: 5 })).toEqual({ runIds: ['r4', 'r3', 'r6', 'r7', 'r2'], hasMore: true });
    expect(await find('', { maxResults: 3, offset: 10 })).toEqual({ runIds: [], hasMore: false });
    const paged: string[] = [];
    for (let offset = 0; ; offset += 1) {
      const page = await find('metrics.auc > 0', { maxResults: 1, offset, orderBy: ['metrics.auc DESC'] });
      paged.push(...page.runIds);
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(['r1', 'r6', 'r7', 'r2']);
  });

  it('pages through a metric sort across numbers, NaN and missing values with any page size', async () => {
    const cases: [string, string[], string[]][] = [
      ['', ['metrics.auc DESC'], ['r1', 'r6', 'r7', 'r2', 'r3', 'r4']],
      ['', ['metrics.auc ASC', 'params.model DESC'], ['r2', 'r6', 'r7', 'r1', 'r3', 'r4']],
      ['metrics.auc != 0.9', ['metrics.auc ASC'], ['r2', 'r6', 'r7', 'r3']],
      ["params.model ILIKE 'x%'", ['metrics.loss DESC'], ['r1', 'r2', 'r4', 'r6']],
      ['', ['metrics.nope DESC'], ['r4', 'r3', 'r6', 'r7', 'r2', 'r1']],
    ];
    for (const [filter, orderBy, all] of cases) {
      expect(await ids(filter, { orderBy }), `${filter} ${orderBy}`).toEqual(all);
      for (let size = 1; size <= all.length; size++) {
        const paged: string[] = [];
        for (let offset = 0; ; offset += size) {
          const page = await find(filter, { orderBy, maxResults: size, offset });
          paged.push(...page.runIds);
          expect(page.hasMore).toBe(offset + size < all.length);
          if (!page.hasMore) break;
        }
        expect(paged, `${filter} ${orderBy} by ${size}`).toEqual(all);
      }
    }
  });

  it('treats hostile keys and values as data', async () => {
    expect(await ids("params.model = 'x''; drop table runs; --'")).toEqual([]);
    expect(await ids("params.`model'; drop table runs; --` = 'xgb'")).toEqual([]);
    expect(await ids("run_name LIKE '%'' or 1=1 --'")).toEqual([]);
    expect(await ids("datasets.context = 'x'')--'")).toEqual([]);
    expect(await ids('metrics."auc"" > 0 --" > 0')).toEqual([]);
    expect(await ids('', { orderBy: ['metrics.`auc desc; drop table runs` DESC'] })).toHaveLength(6);
    expect(await ids('')).toHaveLength(6);
  });

  describe('experiments', () => {
    async function find(filter: string, orderBy: string[] = [], opts: { viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL'; maxResults?: number; offset?: number } = {}) {
      return searchExperimentIds({
        db: h.db, filter: parseExperimentFilter(filter), orderBy: parseExperimentOrderBy(orderBy),
        viewType: opts.viewType ?? 'ACTIVE_ONLY', maxResults: opts.maxResults ?? 100, offset: opts.offset ?? 0,
      });
    }
    const names = async (...args: Parameters<typeof find>) => {
      const byId = Object.fromEntries(Object.entries(exp).map(([k, v]) => [v, k]));
      return (await find(...args)).experimentIds.map((id) => byId[id] ?? String(id));
    };

    it('lists newest first by default (the Default experiment 0 was created by the migration, i.e. now)', async () => {
      expect(await names('')).toEqual(['0', 'B', 'A']);
      expect(await names('', [], { viewType: 'DELETED_ONLY' })).toEqual(['C']);
      expect(await names('', [], { viewType: 'ALL' })).toEqual(['0', 'C', 'B', 'A']);
    });

    it('filters on name, times and tags', async () => {
      expect(await names("name LIKE 'churn%'")).toEqual(['A']);
      expect(await names("name ILIKE 'churn%'")).toEqual(['B', 'A']);
      expect(await names("name = 'Churn-B'")).toEqual(['B']);
      expect(await names("name != 'Churn-B'")).toEqual(['0', 'A']);
      expect(await names('creation_time > 150 AND creation_time < 1000')).toEqual(['B']);
      expect(await names('last_update_time >= 300 and creation_time <= 300', [], { viewType: 'ALL' })).toEqual(['C', 'B', 'A']);
      expect(await names("tags.owner = 'ann'")).toEqual(['A']);
      expect(await names("tags.owner != 'ann'")).toEqual(['B']);
      expect(await names("tags.owner LIKE '%' and name ILIKE '%b'")).toEqual(['B']);
      expect(await names("tags.missing = 'x'")).toEqual([]);
    });

    it('orders by the requested attributes, then experiment_id descending', async () => {
      expect(await names('', ['name'])).toEqual(['B', '0', 'A']);
      expect(await names('', ['name DESC'])).toEqual(['A', '0', 'B']);
      expect(await names('', ['last_update_time ASC'])).toEqual(['B', 'A', '0']);
      expect(await names('', ['experiment_id ASC'])).toEqual(['0', 'A', 'B']);
      expect(await names('creation_time < 1000', ['last_update_time'], { viewType: 'ALL' })).toEqual(['C', 'B', 'A']);
    });

    it('pages with offset and hasMore', async () => {
      expect(await find('', [], { maxResults: 2 })).toEqual({ experimentIds: [0, exp.B!], hasMore: true });
      expect(await find('', [], { maxResults: 2, offset: 2 })).toEqual({ experimentIds: [exp.A!], hasMore: false });
    });
  });
});
