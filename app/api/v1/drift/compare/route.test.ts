// POST /api/v1/drift/compare: the documented response shape, Evidently's defaults, per-column overrides, and clear
// refusals (which column, which field) for inputs the engine cannot compare.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { openTestDb } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
const compare = await import('./route');

type Handler = (req: Request) => Promise<Response>;
let key = '';
const post = (body: unknown) =>
  (compare.POST as Handler)(new Request('http://test.local/api/v1/drift/compare', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) }));

const seq = (n: number, f: (i: number) => number | string | null) => Array.from({ length: n }, (_, i) => f(i));

describe('drift compare API', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb('pglite');
    setDbHandle(h);
    key = (await createApiKey(h.db, { type: 'system', id: null, label: 'test' }, { name: 'm', scopes: ['monitoring'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('answers the documented shape with Evidently default methods', async () => {
    const res = await post({
      reference: { x: seq(200, (i) => i % 50), plan: seq(200, (i) => ['a', 'b', 'c'][i % 3]!), flag: seq(200, (i) => (i % 2 ? 'y' : 'n')) },
      current: { x: seq(100, (i) => (i % 50) + 20), plan: seq(100, (i) => ['a', 'b', 'c'][i % 3]!), flag: seq(100, (i) => (i % 5 ? null : 'y')) },
    });
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(Object.keys(r).sort()).toEqual(['columns', 'dataset_drift', 'drift_share', 'drifted_columns', 'share']);
    expect(r.columns.x).toMatchObject({ type: 'numeric', method: 'ks', threshold: 0.05, drift: true });
    expect(r.columns.x.score).toBe(r.columns.x.p_value);
    expect(r.columns.plan).toMatchObject({ type: 'categorical', method: 'chisquare', drift: false });
    expect(r.columns.flag).toMatchObject({ type: 'categorical', method: 'z' });
    expect(r.columns.flag.null_share).toEqual({ reference: 0, current: 0.8 });
    expect(r.drifted_columns).toBe(Object.values(r.columns as Record<string, { drift: boolean }>).filter((c) => c.drift).length);
    expect(r.share).toBeCloseTo(r.drifted_columns / 3, 12);
    expect(r.dataset_drift).toBe(r.share >= 0.5);
  });

  it('switches to distances above 1,000 reference rows and takes per-column overrides', async () => {
    const reference = { x: seq(2000, (i) => i / 10) };
    const current = { x: seq(500, (i) => i / 10 + 1) };
    let r = await (await post({ reference, current })).json();
    expect(r.columns.x).toMatchObject({ method: 'wasserstein', p_value: null, threshold: 0.1 });
    r = await (await post({ reference, current, columns: { x: { method: 'psi', threshold: 0.2 } }, drift_share: 0.9 })).json();
    expect(r.columns.x).toMatchObject({ method: 'psi', threshold: 0.2, p_value: null });
    expect(r.drift_share).toBe(0.9);
  });

  it.each([
    [{ reference: { x: [1, 2] }, current: { y: [1, 2] } }, 'body.current.x'],
    [{ reference: { x: [1, 2] }, current: { x: [] } }, 'body.current.x'],
    [{ reference: { x: [1, 2] }, current: { x: [1, 2] }, columns: { z: { method: 'ks' } } }, 'body.columns.z'],
    [{ reference: { x: [1, 2] }, current: { x: [1, 2] }, columns: { x: { method: 'median' } } }, 'body.columns.x.method'],
    [{ reference: { x: ['a', 'b'] }, current: { x: ['a', 'c'] }, columns: { x: { method: 'ks' } } }, 'body.columns.x'],
    [{ reference: { x: [null, null] }, current: { x: [1, 2] } }, 'body.columns.x'],
    [{ reference: { x: [{}] }, current: { x: [1] } }, 'body.reference.x.0'],
    [{ reference: { x: [1] }, current: { x: [1] }, drift_share: 2 }, 'body.drift_share'],
  ])('refuses %j naming %s', async (body, path) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    const err = (await res.json()).error;
    expect(err.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses more than 1,000,000 values in a column with 413', async () => {
    const res = await post({ reference: { x: new Array(1_000_001).fill(0) }, current: { x: [1] } });
    expect(res.status).toBe(413);
  });
});
