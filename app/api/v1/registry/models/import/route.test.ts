// Importing ONNX models through the route: skl2onnx-shaped fixtures become registry versions with their files;
// anything the server could not serve is refused with 422 and the reason (ZipMap → "export with zipmap=False").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { getAlias, getModelVersions } from '@/db/queries/registry';
import { insertUser } from '@/db/queries/users';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { fixtureBytes, fixtureManifest, type FixtureName } from '@/lib/ml/onnx/testing/fixtures';
import { readVersionFile } from '@/lib/tracking/version-files';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
const { POST } = await import('./route');

function upload(parts: { model?: Uint8Array; manifest?: string; name?: string; alias?: string; fileName?: string }, headers: Record<string, string> = {}) {
  const form = new FormData();
  if (parts.model) form.set('model', new Blob([new Uint8Array(parts.model)]), parts.fileName ?? 'model.onnx');
  if (parts.manifest !== undefined) form.set('manifest', parts.manifest);
  if (parts.name) form.set('name', parts.name);
  if (parts.alias !== undefined) form.set('alias', parts.alias);
  return POST(new Request('http://test.local/api/v1/registry/models/import', { method: 'POST', body: form, headers }));
}
const fixture = (name: FixtureName) => ({ model: fixtureBytes(name), manifest: JSON.stringify(fixtureManifest(name)), fileName: `${name}.onnx` });

describe.each(testDrivers())('model import on %s', (driver) => {
  let h: DbHandle;
  let ds: string;
  let retention: string;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    ds = (await insertUser({ db: h.db, user: { email: 'ds@t.test', name: 'DS', role: 'data_scientist', passwordHash: null } })).id;
    retention = (await insertUser({ db: h.db, user: { email: 'ret@t.test', name: 'Ret', role: 'retention', passwordHash: null } })).id;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('imports an skl2onnx gradient-boosting export as a new version with its files, audited', async () => {
    session.uid = ds;
    const res = await upload({ ...fixture('a_gbt'), name: 'imported-churn', alias: 'challenger' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.model_version).toMatchObject({ name: 'imported-churn', version: '1' });
    expect(body.validation.kind).toBe('tree_ensemble');
    expect(body.validation.smoke.rows).toBeGreaterThan(0);
    expect(await getAlias({ db: h.db, name: 'imported-churn', alias: 'challenger' })).toBe(1);
    const [v] = await getModelVersions({ db: h.db, keys: [{ name: 'imported-churn', version: 1 }] });
    expect(v!.tags).toContainEqual({ key: 'imported', value: 'true' });
    expect(Buffer.compare((await readVersionFile(h.db, 'imported-churn', 1, 'model.onnx'))!, Buffer.from(fixtureBytes('a_gbt')))).toBe(0);
    const audit = await listAudit({ db: h.db, limit: 50 });
    expect(audit.some((e) => e.action === 'registry.model_import' && e.actorLabel === 'ds@t.test')).toBe(true);
  });

  it('imports a pipeline with one input per column and a logistic regression', async () => {
    session.uid = ds;
    expect((await upload({ ...fixture('e_pipeline'), name: 'imported-churn' })).status).toBe(201);
    const r = await upload({ ...fixture('d_logreg'), name: 'imported-churn' });
    expect(r.status).toBe(201);
    expect((await r.json()).validation.kind).toBe('linear');
  });

  it('refuses a ZipMap export with 422 and says to export with zipmap=False', async () => {
    session.uid = ds;
    const res = await upload({ ...fixture('b_gbt_zipmap'), name: 'zipmapped' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('zipmap=False');
    expect(await getModelVersions({ db: h.db, keys: [{ name: 'zipmapped', version: 1 }] })).toHaveLength(0);
  });

  it('names the field at fault: bad manifest JSON, wrong feature count, missing file, garbage bytes', async () => {
    session.uid = ds;
    const bad = await upload({ model: fixtureBytes('a_gbt'), manifest: '{not json' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details[0].path).toBe('manifest');

    const m = fixtureManifest('a_gbt') as { features: unknown[] };
    const short = await upload({ model: fixtureBytes('a_gbt'), manifest: JSON.stringify({ ...m, features: m.features.slice(1) }) });
    expect(short.status).toBe(422);
    expect((await short.json()).error.message).toMatch(/feature/i);

    const noFile = await upload({ manifest: JSON.stringify(m) });
    expect(noFile.status).toBe(422);
    expect((await noFile.json()).error.details[0].path).toBe('model');

    const garbage = await upload({ model: new TextEncoder().encode('definitely not onnx'), manifest: JSON.stringify(m) });
    expect(garbage.status).toBe(422);
    expect((await garbage.json()).error.message).toMatch(/could not be loaded/);

    const champion = await upload({ ...fixture('a_gbt'), alias: 'champion' });
    expect(champion.status).toBe(422);
    expect((await champion.json()).error.details[0].path).toBe('alias');
  });

  it('is for data scientists and tracking keys only', async () => {
    session.uid = retention;
    expect((await upload(fixture('a_gbt'))).status).toBe(403);
    session.uid = null;
    const key = await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'predict', scopes: ['predict'] });
    expect((await upload(fixture('a_gbt'), { authorization: `Bearer ${key.key}` })).status).toBe(403);
    const tracking = await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'tracking', scopes: ['tracking'] });
    expect((await upload({ ...fixture('c_rf'), name: 'by-key' }, { authorization: `Bearer ${tracking.key}` })).status).toBe(201);
  });
});
