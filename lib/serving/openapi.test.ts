// The OpenAPI document: structurally valid 3.1 (every $ref resolves, every operation answers something, operation
// ids unique), its examples pass the real validators, its errors parse as our error shape, every documented path
// has a route file under app/, and /api/openapi.json serves it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { topReasons } from '@/lib/ml/explain/reasons';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { TreeExplainer } from './explainer';
import { errorExample, type Json } from './openapi-common';
import { exampleCustomers, predictExamples } from './openapi-examples';
import { openApiDocument } from './openapi';
import { MAX_ROWS_PER_REQUEST, validateRecords } from './predict';
import { errorSchema, v2InferRequestSchema } from './schemas';
import { v2Records } from './v2';

const ROOT = path.join(import.meta.dirname, '..', '..');
const manifest = modelManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'models', 'manifest.json'), 'utf8')));
const { doc } = openApiDocument();
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Op = { operationId?: string; responses?: Record<string, unknown>; requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> }; parameters?: Json[] };
const paths = doc.paths as Record<string, Partial<Record<(typeof METHODS)[number], Op>>>;
const operations = Object.entries(paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m]! })));

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with info, a relative server and security schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    const info = doc.info as Json;
    expect(info.title).toBeTruthy();
    expect(info.version).toBeTruthy();
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    const schemes = (doc.components as Json).securitySchemes as Json;
    expect(Object.keys(schemes)).toEqual(expect.arrayContaining(['apiKey', 'session']));
  });

  it('resolves every $ref inside the document', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(50);
    const broken = [...new Set(all)].filter((r) => resolve(r) === undefined);
    expect(broken).toEqual([]);
  });

  it('gives every operation responses, a tag and a unique operationId', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    for (const { path: p, method, op } of operations) {
      expect(Object.keys(op.responses ?? {}), `${method} ${p}`).not.toEqual([]);
      expect(op.operationId, `${method} ${p}`).toMatch(/^\w+$/);
      for (const t of (op as { tags?: string[] }).tags ?? []) expect(tags.has(t), `${method} ${p} tag ${t}`).toBe(true);
      for (const param of op.parameters ?? []) if (param.in === 'path') expect(p).toContain(`{${param.name as string}}`);
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter it uses', () => {
    for (const { path: p, method, op } of operations) {
      const declared = new Set((op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name));
      for (const [, name] of p.matchAll(/\{(\w+)\}/g)) expect(declared.has(name), `${method} ${p} declares ${name}`).toBe(true);
    }
  });

  it('has predict examples that pass the served model’s validator as they are', () => {
    const examples = paths['/api/v1/predict']!.post!.requestBody!.content['application/json']!.examples!;
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const [name, { value }] of Object.entries(examples)) {
      const customers = (value as { customers: unknown[] }).customers;
      expect(customers.length, name).toBeGreaterThan(0);
      expect(customers.length).toBeLessThanOrEqual(MAX_ROWS_PER_REQUEST);
      expect(validateRecords({ manifest }, customers).issues, name).toEqual([]);
    }
  });

  it('documents the responses the shipped model really gives for its example customers (scores, reasons, expected value)', async () => {
    const read = (f: string) => fs.readFileSync(path.join(ROOT, 'models', f));
    const bytes = new Uint8Array(read('model.onnx'));
    const covers = (JSON.parse(read('covers.json').toString()) as { trees: number[][] }).trees;
    const referenceRows = (JSON.parse(read('reference.json').toString()) as { rows: Record<string, unknown>[] }).rows;
    const [scorer, explainer] = await Promise.all([OnnxScorer.create(bytes, manifest), TreeExplainer.create(bytes, manifest, { covers, referenceRows })]);
    try {
      const rows = exampleCustomers().map(({ customer_id: _id, ...r }) => r);
      const p = await scorer.score(rows);
      const ex = await explainer!.explain(rows);
      const { plain, explained } = predictExamples().response;
      plain.value.predictions.forEach((d, i) => {
        expect(Math.abs(d.churn_probability - p[i]!)).toBeLessThan(5e-5);
        expect(d.decision.contact).toBe(p[i]! >= manifest.threshold);
      });
      const doc = explained.value.predictions[0]!;
      const e = ex[1]!;
      expect(Math.abs(doc.churn_probability - p[1]!)).toBeLessThan(5e-5);
      expect(Math.abs(doc.explanation.expected_value - e.expectedValue)).toBeLessThan(5e-5);
      expect(Math.abs(doc.explanation.margin - e.margin)).toBeLessThan(5e-5);
      for (const [k, v] of Object.entries(doc.explanation.contributions)) expect(Math.abs(v - e.contributions[k]!), k).toBeLessThan(5e-4);
      expect(doc.explanation.top_reasons).toEqual(topReasons(e.contributions, rows[1]!, manifest.features, 3).map((r) => ({ ...r, contribution: Number(r.contribution.toFixed(3)) })));
    } finally {
      await Promise.all([scorer.release(), explainer!.release()]);
    }
  });

  it('has V2 infer examples that both request layouts accept', () => {
    for (const p of ['/v2/models/{name}/infer', '/v2/models/{name}/versions/{version}/infer']) {
      const examples = paths[p]!.post!.requestBody!.content['application/json']!.examples!;
      for (const [name, { value }] of Object.entries(examples)) {
        const body = v2InferRequestSchema.parse(value);
        const records = v2Records(body, manifest, MAX_ROWS_PER_REQUEST);
        expect(records.length, name).toBeGreaterThan(0);
        expect(validateRecords({ manifest }, records).issues, name).toEqual([]);
      }
    }
  });

  it('documents errors that parse as the API’s error shape', () => {
    for (const name of ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'PayloadTooLarge', 'ValidationFailed', 'RateLimited', 'ServiceUnavailable'] as const) {
      expect(errorSchema.safeParse(errorExample(name)).success, name).toBe(true);
    }
    const predictResponses = paths['/api/v1/predict']!.post!.responses!;
    expect(Object.keys(predictResponses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '415', '422', '429', '503']));
  });
});

// A documented path /api/v1/models/{name} is the route file app/api/v1/models/[name]/route.ts.
function routeFile(apiPath: string): string {
  const segments = apiPath.split('/').filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, '[$1]'));
  return path.join(ROOT, 'app', ...segments, 'route.ts');
}

describe('documented paths', () => {
  const batchBuilt = fs.existsSync(path.join(ROOT, 'app', 'api', 'v1', 'batch-jobs'));
  const documented = Object.keys(paths);

  it.each(documented.filter((p) => !p.startsWith('/api/v1/batch-jobs')))('%s has a route file', (p) => {
    expect(fs.existsSync(routeFile(p)), routeFile(p)).toBe(true);
  });

  it.skipIf(!batchBuilt)('batch-job paths have route files', () => {
    for (const p of documented.filter((x) => x.startsWith('/api/v1/batch-jobs'))) expect(fs.existsSync(routeFile(p)), routeFile(p)).toBe(true);
  });

  it('cover every V2 and v1 scoring route under app/', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name === 'route.ts') found.push('/' + path.relative(path.join(ROOT, 'app'), path.dirname(full)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/'));
      }
    };
    walk(path.join(ROOT, 'app', 'v2'));
    walk(path.join(ROOT, 'app', 'api', 'v1', 'predict'));
    walk(path.join(ROOT, 'app', 'api', 'v1', 'models'));
    if (batchBuilt) walk(path.join(ROOT, 'app', 'api', 'v1', 'batch-jobs'));
    expect(found.length).toBeGreaterThanOrEqual(11);
    expect(found.filter((p) => !documented.includes(p))).toEqual([]);
  });
});

describe('GET /api/openapi.json', () => {
  it('answers 200 with the document as JSON, without credentials', async () => {
    const { GET } = await import('@/app/api/openapi.json/route');
    const res = await GET(new Request('http://test.local/api/openapi.json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Json;
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths as Json)).toContain('/api/v1/predict');
  });
});
