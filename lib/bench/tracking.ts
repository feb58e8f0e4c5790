// `npm run bench:tracking`: the tracking API on real PostgreSQL (TEST_DATABASE_URL, default the local server) with
// 100k runs (10 params, 5 metrics, 5 tags each) and one run with 1M metric points. Each figure is measured through the
// API handlers in-process (auth, parsing, SQL, JSON), with the naive way of doing the same job as the reference.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setDbHandle } from '@/db/client';
import { rebuildRollups } from '@/db/queries/tracking-rollups';
import { getRuns } from '@/db/queries/tracking-runs';
import { searchRunIds } from '@/db/queries/tracking-search';
import { parseRunFilter, parseRunOrderBy } from '@/lib/tracking/search';
import { openTestDb } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { minMaxBuckets } from '@/lib/tracking/analysis/downsample';
import { mlflowApi } from '@/lib/tracking/mlflow';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.API_RATE_LIMIT_PER_MINUTE = '100000000'; // measure the API, not the limiter
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 100_000;
const POINTS = 1_000_000;
const MODELS = ['gbt', 'logreg', 'rf', 'xgb'];

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
async function time(n: number, f: () => Promise<unknown>): Promise<number[]> {
  await f(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const h = await openTestDb('postgres');
  const sql = h.sql!;
  setDbHandle(h);
  try {
    const t0 = performance.now();
    await sql`insert into experiments (experiment_id, name, artifact_location, creation_time, last_update_time) overriding system value values (1, 'bench', 'mlflow-artifacts:/1', 0, 0)`;
    const ids = Array.from({ length: RUNS }, () => randomBytes(16).toString('hex'));
    const copy = async (table: string, cols: string, lines: () => Generator<string>) => {
      const w = await sql.unsafe(`copy ${table} (${cols}) from stdin with (format csv)`).writable();
      await pipeline(Readable.from(lines()), w);
    };
    await copy('runs', 'run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri', function* () {
      for (const [i, id] of ids.entries()) yield `${id},1,run-${i},bench,FINISHED,${1_700_000_000_000 + i * 1000},${1_700_000_000_000 + i * 1000 + 500},active,mlflow-artifacts:/1/${id}/artifacts\n`;
    });
    await copy('params', 'run_id, key, value', function* () {
      for (const [i, id] of ids.entries()) {
        yield `${id},p0,${MODELS[i % 4]}\n${id},p1,${MODELS[(i >> 2) % 4]}\n`;
        for (let k = 2; k < 10; k++) yield `${id},p${k},${((i * 7919 + k * 104729) % 1000) / 1000}\n`;
      }
    });
    await copy('run_tags', 'run_id, key, value', function* () {
      for (const [i, id] of ids.entries()) for (let k = 0; k < 5; k++) yield `${id},t${k},v${(i + k) % 50}\n`;
    });
    await copy('latest_metrics', 'run_id, key, value, timestamp, step', function* () {
      for (const [i, id] of ids.entries()) for (let k = 0; k < 5; k++) yield `${id},m${k},${((i * 2654435761 + k * 40503) % 100000) / 100000},${i},10\n`;
    });
    await copy('metric_points', 'run_id, key, value, timestamp, step', function* () {
      for (const [i, id] of ids.entries()) for (let k = 0; k < 5; k++) yield `${id},m${k},${((i * 2654435761 + k * 40503) % 100000) / 100000},${i},10\n`;
    });
    const big = ids[0]!;
    await copy('metric_points', 'run_id, key, value, timestamp, step', function* () {
      for (let s = 0; s < POINTS; s++) yield `${big},loss,${Math.exp(-s / 200000) + Math.sin(s / 50) * 0.01},${s},${s}\n`;
    });
    await rebuildRollups({ db: h.db }); // COPY bypasses the write path that keeps them
    await sql`analyze`;
    console.log(`seeded ${RUNS.toLocaleString('en-US')} runs and a ${POINTS.toLocaleString('en-US')}-point history in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const key = (await createApiKey(h.db, { type: 'system', id: null, label: 'bench' }, { name: 'bench', scopes: ['tracking'] })).key;
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await mlflowApi(new Request(`http://bench/api/2.0/mlflow/${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) }), {});
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const { GET: history } = await import('@/app/api/v1/tracking/history/route');

    // 1. search: two clauses + order by a metric, first page of 1000.
    const search = { experiment_ids: ['1'], filter: "metrics.m0 > 0.5 and params.p0 = 'gbt'", order_by: ['metrics.m1 DESC'], max_results: 1000 };
    const first = (await api('POST', 'runs/search', search)) as { runs: unknown[] };
    const searchMs = await time(30, () => api('POST', 'runs/search', search));
    // Where the search time goes: the id query (filter + sort + page) and hydrating the page's 1000 runs.
    const parsed = { experimentIds: [1], filter: parseRunFilter(search.filter), orderBy: parseRunOrderBy(search.order_by), runViewType: 'ACTIVE_ONLY' as const, maxResults: 1000, offset: 0 };
    const idMs = await time(20, () => searchRunIds({ db: h.db, search: parsed }));
    const pageIds = (await searchRunIds({ db: h.db, search: parsed })).runIds;
    const hydrateMs = await time(20, () => getRuns({ db: h.db, ids: pageIds }));
    const naiveSearchMs = await time(2, async () => {
      const all = await getRuns({ db: h.db, ids }); // what a store without SQL filtering does: load, filter, sort in memory
      const m = (r: (typeof all)[number], k: string) => r.metrics.find((x) => x.key === k)?.value ?? -Infinity;
      all.filter((r) => m(r, 'm0') > 0.5 && r.params.some((p) => p.key === 'p0' && p.value === 'gbt')).sort((a, b) => m(b, 'm1') - m(a, 'm1')).slice(0, 1000);
    });

    // 2. the 1M-point history, downsampled for a chart.
    const histUrl = `http://bench/api/v1/tracking/history?run_id=${big}&key=loss&max_points=1000`;
    const hist = (await (await history(new Request(histUrl, { headers: auth }))).json()) as { series: { points: unknown[]; total_points: number }[] };
    const histMs = await time(20, async () => (await history(new Request(histUrl, { headers: auth }))).json());
    const naiveHistMs = await time(2, async () => {
      const rows = await sql`select step, value from metric_points where run_id = ${big} and key = 'loss' order by step`;
      minMaxBuckets({ steps: rows.map((r) => Number(r.step)), values: rows.map((r) => Number(r.value)) }, { maxPoints: 1000 });
    });

    // 3. log-batch of 1000 metrics vs the same 1000 points as single log-metric calls.
    const run = ((await api('POST', 'runs/create', { experiment_id: '1' })) as { run: { info: { run_id: string } } }).run.info.run_id;
    let step = 0;
    const batchMs = await time(30, () => api('POST', 'runs/log-batch', { run_id: run, metrics: Array.from({ length: 1000 }, (_, i) => ({ key: `k${i % 10}`, value: Math.random(), timestamp: Date.now(), step: step++ })) }));
    const singleMs = await time(1, async () => {
      for (let i = 0; i < 1000; i++) await api('POST', 'runs/log-metric', { run_id: run, key: 'single', value: Math.random(), timestamp: Date.now(), step: step++ });
    });

    console.log(`\nTracking API on PostgreSQL — ${RUNS.toLocaleString('en-US')} runs × (10 params, 5 metrics, 5 tags); times in ms`);
    console.log('| operation | p50 | p95 | goal | reference (same run) | reference p50 | speed-up |');
    console.log('|---|---|---|---|---|---|---|');
    const row = (op: string, xs: number[], goal: string, ref: string, refXs: number[]) =>
      console.log(`| ${op} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.95).toFixed(1)} | ${goal} | ${ref} | ${pct(refXs, 0.5).toFixed(0)} | ${(pct(refXs, 0.5) / pct(xs, 0.5)).toFixed(1)}× |`);
    row(`runs/search, 2 clauses + order_by, page of 1000 (${first.runs.length} runs)`, searchMs, '≤ 100', 'load all runs, filter and sort in memory', naiveSearchMs);
    row(`history of 1M points → ${hist.series[0]!.points.length} buckets`, histMs, '≤ 200', 'fetch all points, bucket in JS', naiveHistMs);
    row('runs/log-batch, 1000 metrics', batchMs, '≤ 50', '1000 × runs/log-metric', singleMs);
    console.log(`\nsearch breakdown (p50): id query ${pct(idMs, 0.5).toFixed(1)} ms, hydrating 1000 runs ${pct(hydrateMs, 0.5).toFixed(1)} ms, the rest is auth, parsing and JSON`);
  } finally {
    setDbHandle(undefined);
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
