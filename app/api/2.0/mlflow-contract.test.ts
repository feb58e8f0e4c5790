// Contract tests for the MLflow REST API 2.0: requests shaped as mlflow 2.x's python client sends them (JSON bodies
// for POST/PATCH/DELETE, query strings for GET, Bearer token or Basic credentials) and the exact response shapes,
// status codes and error_code values it expects (mlflow/protos/service.proto, model_registry.proto, exceptions.py).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
const mlflow = await import('./mlflow/[...path]/route');
const artifacts = await import('./mlflow-artifacts/artifacts/[[...path]]/route');

type Handler = (req: Request) => Promise<Response>;
let auth = '';

async function mf(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', endpoint: string, payload: Record<string, unknown> = {}) {
  const url = new URL(`http://mlflow.test/api/2.0/mlflow/${endpoint}`);
  let body: string | undefined;
  if (method === 'GET') {
    for (const [k, v] of Object.entries(payload)) for (const x of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(x));
  } else body = JSON.stringify(payload);
  const handler = (mlflow as unknown as Record<string, Handler>)[method]!;
  const res = await handler(new Request(url, { method, body, headers: { authorization: auth, 'content-type': 'application/json', 'user-agent': 'mlflow-python-client/2.22.0' } }));
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe.each(testDrivers())('MLflow REST contract on %s', (driver) => {
  let h: DbHandle;
  let token: string;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    const actor = { type: 'system' as const, id: null, label: 'test' };
    token = (await createApiKey(h.db, actor, { name: 'mlflow client', scopes: ['tracking'] })).key;
    auth = `Bearer ${token}`;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  let expId: string;
  let runId: string;

  it('experiments/get-by-name answers 404 RESOURCE_DOES_NOT_EXIST for a new name (set_experiment then creates it)', async () => {
    const r = await mf('GET', 'experiments/get-by-name', { experiment_name: 'churn-sweep' });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('churn-sweep') });
  });

  it('experiments/create returns the id as a string; a duplicate is 400 RESOURCE_ALREADY_EXISTS', async () => {
    const r = await mf('POST', 'experiments/create', { name: 'churn-sweep', tags: [{ key: 'team', value: 'retention' }] });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ experiment_id: expect.stringMatching(/^\d+$/) });
    expId = r.json.experiment_id;
    const dup = await mf('POST', 'experiments/create', { name: 'churn-sweep' });
    expect(dup.status).toBe(400);
    expect(dup.json.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    const noName = await mf('POST', 'experiments/create', {});
    expect(noName.status).toBe(400);
    expect(noName.json.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('experiments/get and get-by-name return the Experiment message', async () => {
    const r = await mf('GET', 'experiments/get', { experiment_id: expId });
    expect(r.json.experiment).toEqual({
      experiment_id: expId,
      name: 'churn-sweep',
      artifact_location: `mlflow-artifacts:/${expId}`,
      lifecycle_stage: 'active',
      creation_time: expect.any(Number),
      last_update_time: expect.any(Number),
      tags: [{ key: 'team', value: 'retention' }],
    });
    expect((await mf('GET', 'experiments/get-by-name', { experiment_name: 'churn-sweep' })).json.experiment.experiment_id).toBe(expId);
    expect((await mf('GET', 'experiments/get', { experiment_id: '999999' })).status).toBe(404);
    expect((await mf('GET', 'experiments/get', { experiment_id: '0' })).json.experiment.name).toBe('Default');
  });

  it('experiments/search filters by name and pages with a token', async () => {
    await mf('POST', 'experiments/create', { name: 'churn-other' });
    const r = await mf('POST', 'experiments/search', { filter: "name LIKE 'churn-%'", max_results: 1, order_by: ['name ASC'] });
    expect(r.json.experiments.map((e: { name: string }) => e.name)).toEqual(['churn-other']);
    expect(r.json.next_page_token).toEqual(expect.any(String));
    const p2 = await mf('POST', 'experiments/search', { filter: "name LIKE 'churn-%'", max_results: 1, order_by: ['name ASC'], page_token: r.json.next_page_token });
    expect(p2.json.experiments.map((e: { name: string }) => e.name)).toEqual(['churn-sweep']);
    expect(p2.json.next_page_token).toBeUndefined();
  });

  it('experiments/update renames, delete and restore change the lifecycle stage', async () => {
    const { json } = await mf('POST', 'experiments/create', { name: 'to-rename' });
    expect((await mf('POST', 'experiments/update', { experiment_id: json.experiment_id, new_name: 'renamed' })).json).toEqual({});
    expect((await mf('GET', 'experiments/get', { experiment_id: json.experiment_id })).json.experiment.name).toBe('renamed');
    await mf('POST', 'experiments/delete', { experiment_id: json.experiment_id });
    expect((await mf('GET', 'experiments/get', { experiment_id: json.experiment_id })).json.experiment.lifecycle_stage).toBe('deleted');
    const active = await mf('POST', 'experiments/search', { filter: "name = 'renamed'" });
    expect(active.json.experiments).toBeUndefined();
    await mf('POST', 'experiments/restore', { experiment_id: json.experiment_id });
    expect((await mf('GET', 'experiments/get', { experiment_id: json.experiment_id })).json.experiment.lifecycle_stage).toBe('active');
  });

  it('runs/create returns a RUNNING run with an mlflow-artifacts URI and the runName tag', async () => {
    const r = await mf('POST', 'runs/create', {
      experiment_id: expId,
      user_id: 'dana',
      run_name: 'gbt-lr-0.1',
      start_time: 1767225600000,
      tags: [{ key: 'mlflow.source.type', value: 'LOCAL' }, { key: 'mlflow.user', value: 'dana' }],
    });
    expect(r.status).toBe(200);
    const info = r.json.run.info;
    expect(info).toMatchObject({ run_name: 'gbt-lr-0.1', experiment_id: expId, user_id: 'dana', status: 'RUNNING', start_time: 1767225600000, lifecycle_stage: 'active' });
    expect(info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(info.run_uuid).toBe(info.run_id);
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${expId}/${info.run_id}/artifacts`);
    expect(r.json.run.data.tags).toEqual(expect.arrayContaining([{ key: 'mlflow.runName', value: 'gbt-lr-0.1' }]));
    runId = info.run_id;
  });

  it('log-parameter is write-once: same value accepted, a different one is 400 INVALID_PARAMETER_VALUE', async () => {
    expect((await mf('POST', 'runs/log-parameter', { run_id: runId, key: 'learning_rate', value: '0.1' })).json).toEqual({});
    expect((await mf('POST', 'runs/log-parameter', { run_id: runId, key: 'learning_rate', value: '0.1' })).status).toBe(200);
    const changed = await mf('POST', 'runs/log-parameter', { run_id: runId, key: 'learning_rate', value: '0.2' });
    expect(changed.status).toBe(400);
    expect(changed.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(changed.json.message).toContain("'old_value': '0.1'");
  });

  it('log-metric appends history; the run shows the latest by (step, timestamp, value); NaN and Infinity survive', async () => {
    await mf('POST', 'runs/log-metric', { run_id: runId, key: 'val_auc', value: 0.81, timestamp: 1000, step: 2 });
    await mf('POST', 'runs/log-metric', { run_id: runId, key: 'val_auc', value: 0.79, timestamp: 2000, step: 1 }); // older step
    await mf('POST', 'runs/log-metric', { run_id: runId, key: 'weird', value: 'NaN', timestamp: 1000, step: 0 });
    await mf('POST', 'runs/log-metric', { run_id: runId, key: 'big', value: 'Infinity', timestamp: 1000 });
    const bad = await mf('POST', 'runs/log-metric', { run_id: runId, key: 'val_auc', value: 'abc', timestamp: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    const run = (await mf('GET', 'runs/get', { run_id: runId })).json.run;
    const metrics = Object.fromEntries(run.data.metrics.map((m: { key: string }) => [m.key, m]));
    expect(metrics.val_auc).toEqual({ key: 'val_auc', value: 0.81, timestamp: 1000, step: 2 });
    expect(metrics.weird.value).toBe('NaN');
    expect(metrics.big.value).toBe('Infinity');
  });

  it('log-batch writes metrics, params and tags together and enforces MLflow limits with its message', async () => {
    const metrics = Array.from({ length: 50 }, (_, i) => ({ key: 'train_loss', value: 1 / (i + 1), timestamp: 1000 + i, step: i }));
    const ok = await mf('POST', 'runs/log-batch', {
      run_id: runId,
      metrics,
      params: [{ key: 'max_depth', value: '4' }, { key: 'l2', value: '0.01' }],
      tags: [{ key: 'stage', value: 'sweep' }],
    });
    expect(ok).toEqual({ status: 200, json: {} });
    const tooMany = await mf('POST', 'runs/log-batch', { run_id: runId, metrics: Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: i, step: i })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.',
    });
    const params = await mf('POST', 'runs/log-batch', { run_id: runId, params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'x' })) });
    expect(params.json.message).toContain('at most 100 params');
    const longKey = await mf('POST', 'runs/log-batch', { run_id: runId, tags: [{ key: 'k'.repeat(251), value: 'v' }] });
    expect(longKey.status).toBe(400);
    const badName = await mf('POST', 'runs/log-batch', { run_id: runId, metrics: [{ key: '../etc', value: 1, timestamp: 1, step: 0 }] });
    expect(badName.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    // MLflow's longest values are accepted (a b-tree over the whole value could not index them) and searchable.
    const long = 'x'.repeat(6000);
    expect((await mf('POST', 'runs/log-batch', { run_id: runId, params: [{ key: 'long_param', value: long }], tags: [{ key: 'long_tag', value: long.slice(0, 5000) }] })).status).toBe(200);
    const found = await mf('POST', 'runs/search', { experiment_ids: [expId], filter: `params.long_param = '${long}'` });
    expect(found.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    expect((await mf('POST', 'runs/log-parameter', { run_id: runId, key: 'too_long', value: 'y'.repeat(6001) })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('metrics/get-history returns every point and pages with a token', async () => {
    const all = await mf('GET', 'metrics/get-history', { run_id: runId, metric_key: 'train_loss' });
    expect(all.json.metrics).toHaveLength(50);
    expect(all.json.metrics[0]).toEqual({ key: 'train_loss', value: 1, timestamp: 1000, step: 0 });
    const page = await mf('GET', 'metrics/get-history', { run_id: runId, metric_key: 'train_loss', max_results: 20 });
    expect(page.json.metrics).toHaveLength(20);
    const page2 = await mf('GET', 'metrics/get-history', { run_id: runId, metric_key: 'train_loss', max_results: 40, page_token: page.json.next_page_token });
    expect(page2.json.metrics).toHaveLength(30);
    expect(page2.json.metrics[0].step).toBe(20);
    expect(page2.json.next_page_token).toBeUndefined();
  });

  it('set-tag overwrites, delete-tag removes, a missing tag is 404', async () => {
    await mf('POST', 'runs/set-tag', { run_id: runId, key: 'stage', value: 'final' });
    await mf('POST', 'runs/set-tag', { run_id: runId, key: 'temp', value: '1' });
    expect((await mf('POST', 'runs/delete-tag', { run_id: runId, key: 'temp' })).json).toEqual({});
    expect((await mf('POST', 'runs/delete-tag', { run_id: runId, key: 'temp' })).status).toBe(404);
    const tags = (await mf('GET', 'runs/get', { run_id: runId })).json.run.data.tags;
    expect(tags).toEqual(expect.arrayContaining([{ key: 'stage', value: 'final' }]));
    expect(tags.find((t: { key: string }) => t.key === 'temp')).toBeUndefined();
  });

  it('log-inputs records datasets', async () => {
    const dataset = { name: 'streamflow-2025', digest: 'abc123', source_type: 'local', source: 'lib/data', schema: '{}' };
    expect((await mf('POST', 'runs/log-inputs', { run_id: runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset }] })).json).toEqual({});
    const run = (await mf('GET', 'runs/get', { run_id: runId })).json.run;
    expect(run.inputs.dataset_inputs).toEqual([{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset }]);
  });

  it('artifacts: upload with PUT, list, download, and the run-scoped list', async () => {
    const base = `http://mlflow.test/api/2.0/mlflow-artifacts/artifacts/${expId}/${runId}/artifacts`;
    const put = await (artifacts.PUT as Handler)(new Request(`${base}/model/MLmodel`, { method: 'PUT', body: 'flavors: {}\n', headers: { authorization: auth } }));
    expect(put.status).toBe(200);
    const list = await (artifacts.GET as Handler)(new Request(`http://mlflow.test/api/2.0/mlflow-artifacts/artifacts?path=${expId}/${runId}/artifacts/model`, { headers: { authorization: auth } }));
    expect(await list.json()).toEqual({ files: [{ path: 'MLmodel', is_dir: false, file_size: 12 }] });
    const get = await (artifacts.GET as Handler)(new Request(`${base}/model/MLmodel`, { headers: { authorization: auth } }));
    expect(await get.text()).toBe('flavors: {}\n');
    const escape = await (artifacts.GET as Handler)(new Request(`${base}/../../../../etc/passwd`, { headers: { authorization: auth } }));
    expect(escape.status).toBeGreaterThanOrEqual(400);
    const runList = await mf('GET', 'artifacts/list', { run_id: runId });
    expect(runList.json).toEqual({ root_uri: `mlflow-artifacts:/${expId}/${runId}/artifacts`, files: [{ path: 'model', is_dir: true }] });
  });

  it('runs/update ends the run; runs/search filters, orders and pages; a bad filter names the position', async () => {
    const ended = await mf('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: 1767229200000 });
    expect(ended.json.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: 1767229200000 });
    const second = (await mf('POST', 'runs/create', { experiment_id: expId, run_name: 'second', tags: [{ key: 'mlflow.parentRunId', value: runId }] })).json.run.info.run_id;
    await mf('POST', 'runs/log-batch', { run_id: second, metrics: [{ key: 'val_auc', value: 0.9, timestamp: 5, step: 0 }], params: [{ key: 'max_depth', value: '6' }] });
    const found = await mf('POST', 'runs/search', { experiment_ids: [expId], filter: "metrics.val_auc > 0.8 and params.max_depth = '4'", run_view_type: 'ACTIVE_ONLY', max_results: 1000, order_by: ['metrics.val_auc DESC'] });
    expect(found.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    const both = await mf('POST', 'runs/search', { experiment_ids: [expId], order_by: ['metrics.val_auc DESC'], max_results: 1 });
    expect(both.json.runs[0].info.run_id).toBe(second);
    expect(both.json.next_page_token).toEqual(expect.any(String));
    const bad = await mf('POST', 'runs/search', { experiment_ids: [expId], filter: "metrics.val_auc > 0.8 or params.x = 'y'" });
    expect(bad.status).toBe(400);
    expect(bad.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(bad.json.message).toMatch(/position/);
    const injection = await mf('POST', 'runs/search', { experiment_ids: [expId], filter: "params.max_depth = '4'; drop table runs; --" });
    expect(injection.status).toBe(400);
    expect((await mf('GET', 'runs/get', { run_id: runId })).status).toBe(200);
  });

  it('runs/delete and restore; logging to a deleted run is refused', async () => {
    const id = (await mf('POST', 'runs/create', { experiment_id: expId })).json.run.info.run_id;
    await mf('POST', 'runs/delete', { run_id: id });
    expect((await mf('GET', 'runs/get', { run_id: id })).json.run.info.lifecycle_stage).toBe('deleted');
    expect((await mf('POST', 'runs/log-metric', { run_id: id, key: 'x', value: 1, timestamp: 1 })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
    const deleted = await mf('POST', 'runs/search', { experiment_ids: [expId], run_view_type: 'DELETED_ONLY' });
    expect(deleted.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([id]);
    await mf('POST', 'runs/restore', { run_id: id });
    expect((await mf('GET', 'runs/get', { run_id: id })).json.run.info.lifecycle_stage).toBe('active');
    expect((await mf('GET', 'runs/get', { run_id: 'f'.repeat(32) })).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('registry: create a model, register a version from the run, set and read an alias; every alias change is audited', async () => {
    const m = await mf('POST', 'registered-models/create', { name: 'streamflow-churn', description: 'churn model' });
    expect(m.json.registered_model).toMatchObject({ name: 'streamflow-churn', description: 'churn model', creation_timestamp: expect.any(Number) });
    expect((await mf('POST', 'registered-models/create', { name: 'streamflow-churn' })).json.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    const v = await mf('POST', 'model-versions/create', { name: 'streamflow-churn', source: `runs:/${runId}/model`, run_id: runId, tags: [{ key: 'algo', value: 'gbt' }] });
    expect(v.json.model_version).toMatchObject({ name: 'streamflow-churn', version: '1', source: `runs:/${runId}/model`, run_id: runId, status: 'READY', current_stage: 'None', tags: [{ key: 'algo', value: 'gbt' }] });
    await mf('POST', 'model-versions/create', { name: 'streamflow-churn', source: `runs:/${runId}/model`, run_id: runId });
    expect((await mf('GET', 'model-versions/get', { name: 'streamflow-churn', version: '2' })).json.model_version.version).toBe('2');
    expect((await mf('POST', 'registered-models/alias', { name: 'streamflow-churn', alias: 'champion', version: '2' })).json).toEqual({});
    expect((await mf('POST', 'registered-models/alias', { name: 'streamflow-churn', alias: 'champion', version: '1' })).json).toEqual({}); // rollback
    const byAlias = await mf('GET', 'registered-models/alias', { name: 'streamflow-churn', alias: 'champion' });
    expect(byAlias.json.model_version).toMatchObject({ version: '1', aliases: ['champion'] });
    expect((await mf('POST', 'registered-models/alias', { name: 'streamflow-churn', alias: 'latest', version: '1' })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
    const got = await mf('GET', 'registered-models/get', { name: 'streamflow-churn' });
    expect(got.json.registered_model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    expect(got.json.registered_model.latest_versions.map((x: { version: string }) => x.version)).toEqual(['2']);
    const audit = await listAudit({ db: h.db, limit: 10 });
    const aliasEvents = audit.filter((e) => e.action.startsWith('registry.alias'));
    expect(aliasEvents.map((e) => e.action)).toEqual(['registry.alias_rollback', 'registry.alias_set']);
    expect(aliasEvents[0]).toMatchObject({ actorLabel: 'key:mlflow client', details: { alias: 'champion', from_version: 2, to_version: 1 } });
    expect((await mf('DELETE', 'registered-models/alias', { name: 'streamflow-churn', alias: 'champion' })).json).toEqual({});
    expect((await mf('GET', 'registered-models/alias', { name: 'streamflow-churn', alias: 'champion' })).status).toBe(404);
  });

  it('registry search, update, transition-stage, tags and deletes', async () => {
    expect((await mf('POST', 'registered-models/search', { filter: "name LIKE 'streamflow%'" })).json.registered_models).toHaveLength(1);
    const versions = await mf('POST', 'model-versions/search', { filter: `run_id = '${runId}'` });
    expect(versions.json.model_versions.map((x: { version: string }) => x.version)).toEqual(['2', '1']);
    expect((await mf('PATCH', 'model-versions/update', { name: 'streamflow-churn', version: '1', description: 'first' })).json.model_version.description).toBe('first');
    const staged = await mf('POST', 'model-versions/transition-stage', { name: 'streamflow-churn', version: '2', stage: 'Production', archive_existing_versions: true });
    expect(staged.json.model_version.current_stage).toBe('Production');
    await mf('POST', 'model-versions/set-tag', { name: 'streamflow-churn', version: '1', key: 'k', value: 'v' });
    expect((await mf('DELETE', 'model-versions/delete-tag', { name: 'streamflow-churn', version: '1', key: 'k' })).json).toEqual({});
    expect((await mf('GET', 'model-versions/get-download-uri', { name: 'streamflow-churn', version: '1' })).json).toEqual({ artifact_uri: `runs:/${runId}/model` });
    expect((await mf('DELETE', 'model-versions/delete', { name: 'streamflow-churn', version: '1' })).json).toEqual({});
    expect((await mf('GET', 'model-versions/get', { name: 'streamflow-churn', version: '1' })).status).toBe(404);
    expect((await mf('DELETE', 'registered-models/delete', { name: 'streamflow-churn' })).json).toEqual({});
    expect((await mf('GET', 'registered-models/get', { name: 'streamflow-churn' })).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
