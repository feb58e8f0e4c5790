// Open Inference Protocol (KServe V2) over the served churn model. Two request layouts are accepted:
// - one FP32/FP64 tensor `[N, F]` with the features in the model's order (categoricals as their integer codes, booleans
//   0/1, null for missing) — what a numpy client sends;
// - one input per named column (MLServer's `"content_type": "pd"` convention), `BYTES` for categoricals, `BOOL` or
//   0/1 for booleans, an optional `customer_id` BYTES column — what a pandas client sends.
// Either way the rows become the same named records the REST route scores, so validation, scoring and logging are one.
import type { z } from 'zod';
import type { ModelManifest } from '@/lib/ml/manifest';
import type { Prediction } from './predict';
import type { v2InferRequestSchema } from './schemas';

export type V2InferRequest = z.infer<typeof v2InferRequestSchema>;
type Tensor = V2InferRequest['inputs'][number];

export class V2Error extends Error {}

export const TENSOR_INPUT = 'input';
export const V2_OUTPUTS = ['churn_probability', 'risk_band', 'contact'] as const;

const NUMERIC_TYPES = new Set(['FP16', 'FP32', 'FP64', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64']);

function columnDatatype(f: ModelManifest['features'][number]): string {
  return f.type === 'categorical' ? 'BYTES' : f.type === 'boolean' ? 'BOOL' : 'FP64';
}

/** Model metadata: the tensor input, plus (in parameters) the named-column alternative and the category codes. */
export function v2Metadata(name: string, version: number, manifest: ModelManifest) {
  const features = manifest.features;
  return {
    name,
    versions: [String(version)],
    platform: 'onnxruntime_onnx',
    inputs: [{ name: TENSOR_INPUT, datatype: 'FP32', shape: [-1, features.length] }],
    outputs: [
      { name: 'churn_probability', datatype: 'FP64', shape: [-1] },
      { name: 'risk_band', datatype: 'BYTES', shape: [-1] },
      { name: 'contact', datatype: 'BOOL', shape: [-1] },
    ],
    parameters: {
      feature_order: features.map((f) => f.name),
      category_codes: Object.fromEntries(features.filter((f) => f.type === 'categorical').map((f) => [f.name, f.categories ?? []])),
      columns: [{ name: 'customer_id', datatype: 'BYTES', shape: [-1], optional: true }, ...features.map((f) => ({ name: f.name, datatype: columnDatatype(f), shape: [-1], nullable: f.nullable }))],
      content_types: ['np (one [N, F] tensor named "input")', 'pd (one input per column, parameters.content_type = "pd")'],
      threshold: manifest.threshold,
    },
  };
}

function flatten(data: unknown[], depth: number): unknown[] {
  let out = data;
  for (let d = 1; d < depth && out.some(Array.isArray); d++) out = out.flat();
  return out;
}

function rowsOfShape(t: Tensor): number {
  if (t.shape.length === 0) throw new V2Error(`input ${t.name}: shape must not be empty`);
  return t.shape[0]!;
}

/** The request's rows as named records (customer_id included when sent), or a V2Error naming the problem. */
export function v2Records(req: V2InferRequest, manifest: ModelManifest, maxRows: number): Record<string, unknown>[] {
  const features = manifest.features;
  const byName = new Map(features.map((f) => [f.name, f]));
  const columnMode = req.parameters?.content_type === 'pd' || req.inputs.length > 1 || byName.has(req.inputs[0]!.name) || req.inputs[0]!.name === 'customer_id';
  if (!columnMode) {
    const t = req.inputs[0]!;
    if (!NUMERIC_TYPES.has(t.datatype)) throw new V2Error(`input ${t.name}: datatype ${t.datatype} is not numeric; send FP32 [N, ${features.length}] or one input per column with parameters.content_type = "pd"`);
    if (t.shape.length !== 2 || t.shape[1] !== features.length) throw new V2Error(`input ${t.name}: shape must be [N, ${features.length}] (features in the order of the model metadata's feature_order), got [${t.shape.join(', ')}]`);
    const n = rowsOfShape(t);
    if (n > maxRows) throw new V2Error(`at most ${maxRows} rows per request (got ${n})`);
    const data = flatten(t.data, 2);
    if (data.length !== n * features.length) throw new V2Error(`input ${t.name}: shape [${t.shape.join(', ')}] needs ${n * features.length} values, got ${data.length}`);
    const records: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const rec: Record<string, unknown> = {};
      features.forEach((f, j) => {
        const v = data[i * features.length + j];
        if (v === null || v === undefined) rec[f.name] = null;
        else if (typeof v !== 'number' || !Number.isFinite(v)) throw new V2Error(`input ${t.name}: row ${i}, column ${j} (${f.name}): must be a finite number or null`);
        else if (f.type === 'boolean') rec[f.name] = v === 1 ? true : v === 0 ? false : v;
        else if (f.type === 'categorical') {
          const cats = f.categories ?? [];
          rec[f.name] = Number.isInteger(v) && v >= 0 && v < cats.length ? cats[v] : v;
        } else rec[f.name] = v;
      });
      records[i] = rec;
    }
    return records;
  }
  let n = -1;
  const columns = new Map<string, unknown[]>();
  for (const t of req.inputs) {
    if (columns.has(t.name)) throw new V2Error(`input ${t.name} is given twice`);
    const f = byName.get(t.name);
    if (!f && t.name !== 'customer_id') throw new V2Error(`input ${t.name} is not a feature of this model (see parameters.columns in the model metadata)`);
    if (t.shape.length > 2 || (t.shape.length === 2 && t.shape[1] !== 1)) throw new V2Error(`input ${t.name}: a column's shape must be [N] or [N, 1], got [${t.shape.join(', ')}]`);
    const rows = rowsOfShape(t);
    if (n >= 0 && rows !== n) throw new V2Error(`input ${t.name} has ${rows} rows; the other inputs have ${n}`);
    n = rows;
    if (n > maxRows) throw new V2Error(`at most ${maxRows} rows per request (got ${n})`);
    const data = flatten(t.data, 2);
    if (data.length !== n) throw new V2Error(`input ${t.name}: shape [${t.shape.join(', ')}] needs ${n} values, got ${data.length}`);
    const want = t.name === 'customer_id' || f!.type === 'categorical' ? 'BYTES' : f!.type === 'boolean' ? 'BOOL' : 'numeric';
    const ok = want === 'numeric' ? NUMERIC_TYPES.has(t.datatype) : want === 'BOOL' ? t.datatype === 'BOOL' || NUMERIC_TYPES.has(t.datatype) : t.datatype === 'BYTES';
    if (!ok) throw new V2Error(`input ${t.name}: datatype ${t.datatype} does not fit a ${f?.type ?? 'customer id'} column (use ${want === 'numeric' ? 'FP32 or FP64' : want})`);
    columns.set(t.name, want === 'BOOL' ? data.map((v) => (v === 1 ? true : v === 0 ? false : v)) : data);
  }
  const missing = features.filter((f) => !columns.has(f.name)).map((f) => f.name);
  if (missing.length) throw new V2Error(`missing input column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  const records: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const rec: Record<string, unknown> = {};
    for (const [name, data] of columns) rec[name] = data[i] ?? null;
    if (rec.customer_id === null) delete rec.customer_id;
    records[i] = rec;
  }
  return records;
}

/** Which outputs to return: all, or those named in `outputs` (an unknown name is an error). */
export function v2OutputNames(req: V2InferRequest): string[] {
  if (!req.outputs?.length) return [...V2_OUTPUTS];
  for (const o of req.outputs) if (!(V2_OUTPUTS as readonly string[]).includes(o.name)) throw new V2Error(`unknown output ${o.name}; this model returns ${V2_OUTPUTS.join(', ')}`);
  return req.outputs.map((o) => o.name);
}

export function v2Response(args: { name: string; version: string; id: string; requestId: string; predictions: Prediction[]; outputs: string[]; threshold: number }) {
  const n = args.predictions.length;
  const make: Record<string, () => { name: string; shape: number[]; datatype: string; data: unknown[] }> = {
    churn_probability: () => ({ name: 'churn_probability', shape: [n], datatype: 'FP64', data: args.predictions.map((p) => p.churn_probability) }),
    risk_band: () => ({ name: 'risk_band', shape: [n], datatype: 'BYTES', data: args.predictions.map((p) => p.risk_band) }),
    contact: () => ({ name: 'contact', shape: [n], datatype: 'BOOL', data: args.predictions.map((p) => p.decision.contact) }),
  };
  return {
    model_name: args.name,
    model_version: args.version,
    id: args.id,
    parameters: { threshold: args.threshold, request_id: args.requestId },
    outputs: args.outputs.map((o) => make[o]!()),
  };
}
