// Fuzzing the scoring bodies: POST /api/v1/predict and POST /v2/models/streamflow-churn/infer must answer every body
// — arbitrary JSON, malformed text, wrong types, "NaN"/"Infinity" strings, huge numbers, huge arrays, deep nesting,
// unstorable strings — with a client error in the route's own error shape, never a 500, and never hang.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { FEATURES } from '@/lib/data/features';
import type { ModelManifest } from '@/lib/ml/manifest';
import manifestJson from '@/models/manifest.json';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
const { POST: predict } = await import('./route');
const { POST: infer } = await import('@/app/v2/models/[name]/infer/route');

const manifest = manifestJson as unknown as ModelManifest;
const ROW = manifest.reference_rows[0]!;
const NAMES = FEATURES.map((f) => f.name);
const CALL_TIMEOUT_MS = 5000;
let key = '';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One call with a deadline; returns status and parsed body (the body must be JSON). */
async function call(handler: Handler, path: string, body: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const req = new Request(`http://test.local${path}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${key}` }, body });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS} ms for ${body.slice(0, 120)}`)), CALL_TIMEOUT_MS)));
  try {
    const res = await Promise.race([handler(req, { params: Promise.resolve({ name: 'streamflow-churn' }) }), deadline]);
    const text = await Promise.race([res.text(), deadline]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${res.status}: the body is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, json };
  } finally {
    clearTimeout(timer);
  }
}

const describeBody = (body: string) => (body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body);

async function rest(body: string, allowed = [200, 400, 413, 415, 422]) {
  const { status, json } = await call(predict as Handler, '/api/v1/predict', body);
  expect(status, describeBody(body)).not.toBe(500);
  expect(allowed, `${status} for ${describeBody(body)}: ${JSON.stringify(json).slice(0, 300)}`).toContain(status);
  if (status !== 200) {
    const e = (json as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof e?.code, describeBody(body)).toBe('string');
    expect(typeof e?.message, describeBody(body)).toBe('string');
  }
  return status;
}

async function v2(body: string, allowed = [200, 400, 413, 415]) {
  const { status, json } = await call(infer as Handler, '/v2/models/streamflow-churn/infer', body);
  expect(status, describeBody(body)).not.toBe(500);
  expect(allowed, `${status} for ${describeBody(body)}: ${JSON.stringify(json).slice(0, 300)}`).toContain(status);
  if (status !== 200) expect(typeof (json as { error?: unknown }).error, describeBody(body)).toBe('string');
  return status;
}

// ----- generators -----------------------------------------------------------------------------------------------------

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '', ' ', '0x10', 'null', 'true', '\u0000', '\ud800', 'basic\u0000'),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, -1, 1e9),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
/** A valid record with some fields replaced by nasty values, some removed, maybe an unknown key and a customer_id. */
const mutatedRow = fc
  .record({
    replace: fc.dictionary(fc.constantFrom(...NAMES), nasty, { maxKeys: 3 }),
    drop: fc.subarray(NAMES, { maxLength: 2 }),
    extra: fc.option(fc.tuple(fc.string({ maxLength: 12 }), nasty), { nil: undefined }),
    id: fc.option(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('\u0000', 'a\ud800b', '\udfff', 'x'.repeat(201)), nasty), { nil: undefined }),
  })
  .map(({ replace, drop, extra, id }) => {
    const rec: Record<string, unknown> = { ...ROW, ...replace };
    for (const d of drop) delete rec[d];
    if (extra) rec[extra[0]] = extra[1];
    if (id !== undefined) rec.customer_id = id;
    return rec;
  });
/** Raw JSON text with tokens JSON.stringify never writes (NaN, Infinity, 1e999), or a valid body cut or corrupted. */
const malformed = (valid: string) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.nat({ max: valid.length - 1 }).map((i) => valid.slice(0, i)),
    fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '"', '{', ']', ',', '\u0000', 'undefined')).map(([i, t]) => valid.slice(0, i) + t + valid.slice(i)),
    fc.constantFrom('NaN', 'Infinity', '1e999', '{"customers":[{"tenure_months":NaN}]}', `{"customers":[${JSON.stringify(ROW).replace(/"tenure_months":\d+/, '"tenure_months":1e999')}]}`),
  );

const tensorBody = (data: unknown, shape: unknown = [1, NAMES.length], datatype: unknown = 'FP32') => JSON.stringify({ inputs: [{ name: 'input', shape, datatype, data }] });
const encodedRow = NAMES.map((n) => {
  const v = ROW[n];
  const f = FEATURES.find((x) => x.name === n)!;
  return v === null ? null : typeof v === 'boolean' ? Number(v) : f.type === 'categorical' ? manifest.features.find((m) => m.name === n)!.categories!.indexOf(v as string) : v;
});
const columnsBody = (rec: Record<string, unknown>) =>
  JSON.stringify({
    parameters: { content_type: 'pd' },
    inputs: Object.entries(rec).map(([name, v]) => ({ name, shape: [1], datatype: typeof v === 'string' ? 'BYTES' : typeof v === 'boolean' ? 'BOOL' : 'FP64', data: [v] })),
  });

const deep = (n: number, inner = '1') => '['.repeat(n) + inner + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

// ----- tests ----------------------------------------------------------------------------------------------------------

describe('fuzzing the scoring bodies (PGlite)', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb('pglite');
    setDbHandle(h);
    await seedShippedModel(h);
    key = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'fuzz', scopes: ['predict'] })).key;
    expect(await rest(JSON.stringify({ customers: [ROW] }), [200])).toBe(200);
    expect(await v2(tensorBody(encodedRow), [200])).toBe(200);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('REST: arbitrary JSON bodies and customer lists never cause a 500', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => void (await rest(JSON.stringify(v)))), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }), async (v) => void (await rest(JSON.stringify({ customers: v })))), { numRuns: 60 });
  });

  it('REST: records with wrong types, NaN/Infinity strings, huge numbers and unstorable ids answer 200 or 422', async () => {
    await fc.assert(fc.asyncProperty(fc.array(mutatedRow, { minLength: 1, maxLength: 3 }), async (rows) => void (await rest(JSON.stringify({ customers: rows }), [200, 422]))), { numRuns: 150 });
  });

  it('any customer_id string is scored or refused, never a 500 — also for the requests sharing its log INSERT', async () => {
    const ids = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('\u0000', 'a\ud800b', '\udfff', 'x\u0000y', '\ud83d\ude00'));
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        await rest(JSON.stringify({ customers: [{ ...ROW, customer_id: id }] }), [200, 422]);
        await v2(columnsBody({ ...ROW, customer_id: id }), [200, 400]);
      }),
      { numRuns: 80 },
    );
    // Concurrent requests are logged by one group-commit statement: a bad id must not fail its neighbours.
    const good = () => rest(JSON.stringify({ customers: [{ ...ROW, customer_id: 'fine' }] }), [200]);
    const statuses = await Promise.all([good(), rest(JSON.stringify({ customers: [{ ...ROW, customer_id: 'bad\u0000' }] }), [422]), good(), v2(columnsBody({ ...ROW, customer_id: '\ud800' }), [400]), good()]);
    expect(statuses).toEqual([200, 422, 200, 400, 200]);
  });

  it('REST: malformed JSON text answers 400 (or 422/200 when the corruption still parses)', async () => {
    await fc.assert(fc.asyncProperty(malformed(JSON.stringify({ customers: [ROW] })), async (text) => void (await rest(text))), { numRuns: 100 });
  });

  it('V2: arbitrary bodies, corrupted tensors and columns, and malformed text never cause a 500', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => void (await v2(JSON.stringify(v)))), { numRuns: 50 });
    const tensor = fc.record({
      data: fc.oneof(fc.array(nasty, { maxLength: 25 }), fc.tuple(...encodedRow.map((v) => fc.oneof(fc.constant(v), nasty)))),
      shape: fc.oneof(fc.constant([1, NAMES.length]), fc.array(fc.oneof(fc.nat(30), fc.constantFrom(-1, 1e300, 0.5, 10_001)), { maxLength: 3 })),
      datatype: fc.oneof(fc.constantFrom('FP32', 'FP64', 'INT64', 'BYTES', 'BOOL'), fc.string({ maxLength: 6 })),
    });
    await fc.assert(fc.asyncProperty(tensor, async (t) => void (await v2(tensorBody(t.data, t.shape, t.datatype)))), { numRuns: 120 });
    await fc.assert(fc.asyncProperty(mutatedRow, async (rec) => void (await v2(columnsBody(rec)))), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(malformed(tensorBody(encodedRow)), async (text) => void (await v2(text))), { numRuns: 60 });
  });

  it('huge arrays: over 10,000 rows is 413 (REST) or a 4xx (V2); a body over the byte limit is 413', async () => {
    const many = JSON.stringify({ customers: Array.from({ length: 10_001 }, () => ROW) });
    expect(await rest(many, [413])).toBe(413);
    expect(await rest(JSON.stringify({ customers: Array.from({ length: 50_000 }, () => 1) }), [413])).toBe(413);
    const rows = Array.from({ length: 10_001 }, () => encodedRow);
    expect(await v2(tensorBody(rows, [10_001, NAMES.length]), [400, 413])).not.toBe(200);
    expect(await v2(tensorBody([], [1_000_000_000, NAMES.length]), [400, 413])).not.toBe(200);
    const big = `{"customers":[${'1,'.repeat(9_000_000)}1]}`; // 18 MB, over PREDICT_MAX_BODY_BYTES (16 MB)
    expect(await rest(big, [413])).toBe(413);
    expect(await v2(`{"inputs":[{"name":"input","shape":[1,20],"datatype":"FP32","data":[${'1,'.repeat(9_000_000)}1]}]}`, [413])).toBe(413);
  });

  it('deep nesting (10,000 levels) anywhere in the body is a 4xx, fast', async () => {
    for (const n of [10_000, 100_000]) {
      expect(await rest(deep(n))).not.toBe(200);
      expect(await rest(deepObject(n))).not.toBe(200);
      expect(await rest(`{"customers":${deep(n)}}`)).not.toBe(200);
      expect(await rest(`{"customers":[${JSON.stringify({ ...ROW, customer_id: undefined }).replace(/"plan":"[a-z]+"/, `"plan":${deep(n)}`)}]}`)).not.toBe(200);
      expect(await rest(`{"customers":[${JSON.stringify(ROW).replace(/"tenure_months":\d+/, `"tenure_months":${deepObject(n)}`)}]}`)).not.toBe(200);
      expect(await v2(deep(n))).not.toBe(200);
      expect(await v2(tensorBody('__DATA__').replace('"__DATA__"', deep(n)))).not.toBe(200);
      expect(await v2(tensorBody('__DATA__', [1, 1]).replace('"__DATA__"', `[${deep(n)}]`))).not.toBe(200);
      expect(await v2(`{"inputs":[{"name":"input","shape":[1,20],"datatype":"FP32","data":[1],"parameters":${deepObject(n)}}],"parameters":${deepObject(n)}}`)).not.toBe(200);
    }
  });

  it('the wrong content type is 415 and an empty body 400, in each route\'s error shape', async () => {
    const r = await call(predict as Handler, '/api/v1/predict', JSON.stringify({ customers: [ROW] }), 'text/plain');
    expect(r.status).toBe(415);
    expect(await rest('', [400])).toBe(400);
    expect(await v2('', [400])).toBe(400);
    expect(await v2('   ', [400])).toBe(400);
  });
});
