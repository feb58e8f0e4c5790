// The Open Inference Protocol routes: health, server and model metadata, readiness, and inference with a [N, F]
// tensor or one input per column (MLServer's "pd" convention) — the same scores as the REST route, `id` echoed,
// rows logged with source v2, and every error as {"error": "..."}.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, setDbHandle, type DbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { getServedModel } from '@/lib/serving/served-model';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
const live = await import('./health/live/route');
const ready = await import('./health/ready/route');
const server = await import('./route');
const meta = await import('./models/[name]/route');
const modelReady = await import('./models/[name]/ready/route');
const infer = await import('./models/[name]/infer/route');
const versionInfer = await import('./models/[name]/versions/[version]/infer/route');
const metricsRoute = await import('../api/metrics/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'models', 'manifest.json'), 'utf8')) as {
  reference_rows: Record<string, unknown>[];
  features: { name: string; type: string; categories?: string[] }[];
};
const rows = manifest.reference_rows.slice(0, 4);

function call(h: unknown, opts: { params?: Record<string, string>; body?: unknown; raw?: string; key?: string; headers?: Record<string, string> } = {}) {
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  return (h as Handler)(
    new Request('http://test.local/v2/x', {
      method: hasBody ? 'POST' : 'GET',
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers },
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

const NAME = { name: 'streamflow-churn' };

function tensorBody(records: Record<string, unknown>[]) {
  const data = records.map((r) =>
    manifest.features.map((f) => {
      const v = r[f.name];
      if (v === null) return null;
      if (f.type === 'categorical') return f.categories!.indexOf(v as string);
      if (f.type === 'boolean') return v ? 1 : 0;
      return v;
    }),
  );
  return { id: 'req-42', inputs: [{ name: 'input', shape: [records.length, manifest.features.length], datatype: 'FP32', data }] };
}

function columnsBody(records: Record<string, unknown>[]) {
  return {
    parameters: { content_type: 'pd' },
    inputs: manifest.features.map((f) => ({
      name: f.name,
      shape: [records.length],
      datatype: f.type === 'categorical' ? 'BYTES' : f.type === 'boolean' ? 'BOOL' : 'FP64',
      data: records.map((r) => r[f.name]),
    })),
  };
}

describe.each(testDrivers())('Open Inference Protocol on %s', (driver) => {
  let h: DbHandle;
  let key: string;
  let expected: Float64Array;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    key = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'kserve', scopes: ['predict'] })).key;
    expected = await (await getServedModel(h.db)).scorer.score(rows);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('answers the health, server-metadata and readiness probes', async () => {
    expect(await (await call(live.GET)).json()).toEqual({ live: true });
    expect(await (await call(ready.GET)).json()).toEqual({ ready: true });
    expect(await (await call(server.GET)).json()).toMatchObject({ name: expect.any(String), version: expect.any(String), extensions: expect.any(Array) });
    expect(await (await call(modelReady.GET, { params: NAME })).json()).toEqual({ name: 'streamflow-churn', ready: true });
    const unknown = await call(modelReady.GET, { params: { name: 'nope' } });
    expect(unknown.status).toBe(404);
    expect(typeof (await unknown.json()).error).toBe('string');
  });

  it('describes the model: one FP32 [-1, F] input, the outputs, and the column alternative', async () => {
    const res = await call(meta.GET, { params: NAME, key });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ name: 'streamflow-churn', versions: ['1'], inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, manifest.features.length] }] });
    expect(body.outputs.map((o: { name: string }) => o.name)).toEqual(['churn_probability', 'risk_band', 'contact']);
    expect(body.parameters.feature_order).toEqual(manifest.features.map((f) => f.name));
    expect((await call(meta.GET, { params: NAME })).status).toBe(401);
  });

  it('scores a [N, F] tensor, echoes the id, and logs the rows with source v2', async () => {
    const res = await call(infer.POST, { params: NAME, key, body: tensorBody(rows), headers: { 'x-request-id': `v2-tensor-${driver}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ model_name: 'streamflow-churn', model_version: '1', id: 'req-42' });
    const p = body.outputs.find((o: { name: string }) => o.name === 'churn_probability');
    expect(p).toMatchObject({ shape: [4], datatype: 'FP64' });
    expect(p.data).toEqual([...expected]);
    const logged = rowsOf<{ source: string; churn_probability: number; features: Record<string, unknown> }>(
      await h.db.execute(sql`select source, churn_probability, features from prediction_log where request_id = ${`v2-tensor-${driver}`} order by row_index`),
    );
    expect(logged.map((r) => r.source)).toEqual(['v2', 'v2', 'v2', 'v2']);
    expect(logged[0]!.features.plan).toBe(rows[0]!.plan); // codes are decoded back to categories in the log
  });

  it('scores one input per column (content_type pd, BYTES categoricals) identically, on the versioned route too', async () => {
    const res = await call(versionInfer.POST, { params: { ...NAME, version: '1' }, key, body: { ...columnsBody(rows), outputs: [{ name: 'churn_probability' }, { name: 'contact' }] } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.outputs.map((o: { name: string }) => o.name)).toEqual(['churn_probability', 'contact']);
    expect(body.outputs[0].data).toEqual([...expected]);
    expect(body.outputs[1]).toMatchObject({ datatype: 'BOOL', shape: [4] });
  });

  it('answers bad requests with 400 {"error": "..."} that says what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [{ inputs: [{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] }, /shape must be \[N, 20\]/],
      [{ inputs: [{ name: 'input', shape: [2, 20], datatype: 'FP32', data: [1, 2] }] }, /needs 40 values/],
      [{ inputs: [{ name: 'input', shape: [1, 20], datatype: 'BYTES', data: Array(20).fill('x') }] }, /not numeric/],
      [{ ...columnsBody(rows), inputs: columnsBody(rows).inputs.slice(1) }, /missing input column: tenure_months/],
      [{ ...columnsBody(rows), inputs: [...columnsBody(rows).inputs, { name: 'shoe_size', shape: [4], datatype: 'FP32', data: [1, 2, 3, 4] }] }, /shoe_size is not a feature/],
      [{ ...columnsBody(rows), outputs: [{ name: 'label' }] }, /unknown output label/],
      [{ inputs: [] }, /inputs/],
      [{ ...columnsBody([{ ...rows[0], tenure_months: -5 }]) }, /tenure_months/],
    ];
    for (const [body, message] of cases) {
      const res = await call(infer.POST, { params: NAME, key, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const err = await res.json();
      expect(Object.keys(err)).toEqual(['error']);
      expect(err.error).toMatch(message);
    }
    expect((await call(infer.POST, { params: NAME, key, raw: '{"inputs": [' })).status).toBe(400);
    const anon = await call(infer.POST, { params: NAME, body: tensorBody(rows) });
    expect(anon.status).toBe(401);
    expect(typeof (await anon.json()).error).toBe('string');
    expect((await call(infer.POST, { params: { name: 'other-model' }, key, body: tensorBody(rows) })).status).toBe(404);
  });

  it('exposes Prometheus metrics: requests by route and status, model version, batch sizes, log queue and scores', async () => {
    const text = await (await call(metricsRoute.GET)).text();
    // One sample line with every label given (prom-client orders labels its own way) and a positive value.
    const has = (metric: string, labels: Record<string, string>) =>
      text.split('\n').some((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)) && Number(l.split(' ').pop()) > 0);
    expect(has('http_requests_total', { route: '/v2/x', method: 'POST', status: '200' })).toBe(true);
    expect(has('http_requests_total', { route: '/v2/x', method: 'POST', status: '400' })).toBe(true);
    expect(has('http_request_duration_seconds_bucket', { le: '+Inf', route: '/v2/x', method: 'POST', status: '200' })).toBe(true);
    expect(has('model_version_info', { model: 'streamflow-churn', version: '1' })).toBe(true);
    expect(has('inference_batch_rows_count', {})).toBe(true);
    expect(has('churn_probability_count', {})).toBe(true);
    expect(has('predictions_total', { source: 'v2', model: 'streamflow-churn', version: '1' })).toBe(true);
    expect(text).toMatch(/^prediction_log_queue_rows\{app="streamflow"\} 0$/m);
  });
});
