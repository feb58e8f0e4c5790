// Contract tests for the MLflow endpoints the main contract file does not walk through: experiment tags, log-model,
// registry rename/update/tags/get-latest-versions, artifact delete, the 1 MB log-batch request limit, unknown
// endpoints, and the two ways a client authenticates (Bearer token, Basic credentials).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { insertUser } from '@/db/queries/users';
import { createApiKey } from '@/lib/auth/admin';
import { hashPassword } from '@/lib/auth/passwords';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
const mlflow = (await import('./mlflow/[...path]/route')) as unknown as Record<string, (req: Request) => Promise<Response>>;
const artifacts = (await import('./mlflow-artifacts/artifacts/[[...path]]/route')) as unknown as Record<string, (req: Request) => Promise<Response>>;

let auth = '';
async function mf(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', endpoint: string, payload: Record<string, unknown> = {}) {
  const url = new URL(`http://mlflow.test/api/2.0/mlflow/${endpoint}`);
  if (method === 'GET') for (const [k, v] of Object.entries(payload)) url.searchParams.append(k, String(v));
  const res = await mlflow[method]!(new Request(url, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(payload) }));
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe.each(testDrivers())('more MLflow endpoints on %s', (driver) => {
  let h: DbHandle;
  let token = '';
  let readOnly = '';
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    token = `Bearer ${(await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'client', scopes: ['tracking'] })).key}`;
    readOnly = `Bearer ${(await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'dashboard reader', scopes: ['read'] })).key}`;
    await insertUser({ db: h.db, user: { email: 'ds@t.test', name: 'DS', role: 'data_scientist', passwordHash: await hashPassword('ds-password-123') } });
    auth = token;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('experiments/set-experiment-tag overwrites and delete-tag removes', async () => {
    const id = (await mf('POST', 'experiments/create', { name: 'tags' })).json.experiment_id;
    await mf('POST', 'experiments/set-experiment-tag', { experiment_id: id, key: 'owner', value: 'a' });
    await mf('POST', 'experiments/set-experiment-tag', { experiment_id: id, key: 'owner', value: 'b' });
    expect((await mf('GET', 'experiments/get', { experiment_id: id })).json.experiment.tags).toEqual([{ key: 'owner', value: 'b' }]);
    expect((await mf('DELETE', 'experiments/delete-tag', { experiment_id: id, key: 'owner' })).json).toEqual({});
    expect((await mf('GET', 'experiments/get', { experiment_id: id })).json.experiment.tags).toBeUndefined();
    expect((await mf('POST', 'experiments/set-experiment-tag', { experiment_id: '424242', key: 'k', value: 'v' })).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('runs/log-model appends to the mlflow.log-model.history tag; bad JSON is refused', async () => {
    const run = (await mf('POST', 'runs/create', {})).json.run.info.run_id;
    const model = { artifact_path: 'model', flavors: { onnx: {} }, run_id: run, utc_time_created: '2026-11-26 00:00:00' };
    expect((await mf('POST', 'runs/log-model', { run_id: run, model_json: JSON.stringify(model) })).json).toEqual({});
    const tags = (await mf('GET', 'runs/get', { run_id: run })).json.run.data.tags as { key: string; value: string }[];
    expect(JSON.parse(tags.find((t) => t.key === 'mlflow.log-model.history')!.value)).toEqual([model]);
    expect((await mf('POST', 'runs/log-model', { run_id: run, model_json: '{not json' })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('log-batch refuses a request over 1 MB as MLflow does', async () => {
    const run = (await mf('POST', 'runs/create', {})).json.run.info.run_id;
    const big = await mf('POST', 'runs/log-batch', { run_id: run, tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'v'.repeat(4999) })), params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'x'.repeat(6000) })) });
    expect(big.status).toBe(400);
    expect(big.json.message).toMatch(/at most 1048576 bytes/);
  });

  it('registry rename, update, model tags and get-latest-versions', async () => {
    await mf('POST', 'registered-models/create', { name: 'm1' });
    const run = (await mf('POST', 'runs/create', {})).json.run.info.run_id;
    await mf('POST', 'model-versions/create', { name: 'm1', source: `runs:/${run}/model`, run_id: run });
    await mf('POST', 'model-versions/create', { name: 'm1', source: `runs:/${run}/model`, run_id: run });
    await mf('POST', 'model-versions/transition-stage', { name: 'm1', version: '1', stage: 'Staging' });
    const latest = await mf('POST', 'registered-models/get-latest-versions', { name: 'm1', stages: ['Staging'] });
    expect(latest.json.model_versions.map((v: { version: string }) => v.version)).toEqual(['1']);
    const renamed = await mf('POST', 'registered-models/rename', { name: 'm1', new_name: 'm2' });
    expect(renamed.json.registered_model.name).toBe('m2');
    expect((await mf('GET', 'model-versions/get', { name: 'm2', version: '2' })).json.model_version.name).toBe('m2');
    expect((await mf('PATCH', 'registered-models/update', { name: 'm2', description: 'churn' })).json.registered_model.description).toBe('churn');
    await mf('POST', 'registered-models/set-tag', { name: 'm2', key: 'team', value: 'ds' });
    expect((await mf('GET', 'registered-models/get', { name: 'm2' })).json.registered_model.tags).toEqual([{ key: 'team', value: 'ds' }]);
    expect((await mf('DELETE', 'registered-models/delete-tag', { name: 'm2', key: 'team' })).json).toEqual({});
    expect((await mf('DELETE', 'registered-models/delete-tag', { name: 'm2', key: 'team' })).status).toBe(404);
    expect((await mf('POST', 'registered-models/rename', { name: 'nope', new_name: 'x' })).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('artifacts: DELETE removes a file, and uploads cannot escape the artifact root', async () => {
    const base = 'http://mlflow.test/api/2.0/mlflow-artifacts/artifacts/0/r/artifacts';
    expect((await artifacts.PUT!(new Request(`${base}/x.txt`, { method: 'PUT', body: 'x', headers: { authorization: auth } }))).status).toBe(200);
    expect((await artifacts.DELETE!(new Request(`${base}/x.txt`, { method: 'DELETE', headers: { authorization: auth } }))).status).toBe(200);
    expect((await artifacts.GET!(new Request(`${base}/x.txt`, { headers: { authorization: auth } }))).status).toBe(404);
    const escape = await artifacts.PUT!(new Request(`${base}/..%2F..%2F..%2Fevil.txt`, { method: 'PUT', body: 'x', headers: { authorization: auth } }));
    expect(escape.status).toBe(400);
    expect((await escape.json()).error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('unknown endpoints are 404 ENDPOINT_NOT_FOUND', async () => {
    expect(await mf('POST', 'runs/teleport', {})).toEqual({ status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND', message: expect.any(String) } });
  });

  it('authenticates Basic credentials (MLFLOW_TRACKING_USERNAME/PASSWORD) and refuses bad ones with UNAUTHENTICATED', async () => {
    auth = `Basic ${Buffer.from('ds@t.test:ds-password-123').toString('base64')}`;
    expect((await mf('POST', 'experiments/create', { name: 'basic-auth-exp' })).status).toBe(200);
    auth = `Basic ${Buffer.from('ds@t.test:wrong').toString('base64')}`;
    expect(await mf('GET', 'experiments/get', { experiment_id: '0' })).toEqual({ status: 401, json: { error_code: 'UNAUTHENTICATED', message: expect.any(String) } });
    auth = readOnly;
    expect((await mf('GET', 'experiments/get', { experiment_id: '0' })).status).toBe(200);
    expect(await mf('POST', 'experiments/create', { name: 'nope' })).toEqual({ status: 403, json: { error_code: 'PERMISSION_DENIED', message: expect.any(String) } });
    auth = token;
  });
});
