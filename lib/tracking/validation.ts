// MLflow's write limits and value rules (mlflow/utils/validation.py), so a client gets the same 400 here as there.
import { invalid } from './mlflow/errors';

export const LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  batchBytes: 1024 * 1024,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 5000,
  experimentNameLength: 500,
  registryTagValueLength: 5000,
  searchMaxResults: 50_000,
  searchDefaultResults: 1000,
  historyMaxResults: 25_000,
} as const;

const KEY_RE = /^[/\w.\- :]*$/;

export function validateKey(kind: 'metric' | 'param' | 'tag', key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw invalid(`Missing value for required parameter 'key'. See the API docs for more information about request parameters.`);
  if (key.length > LIMITS.keyLength) throw invalid(`${cap(kind)} name '${key.slice(0, 40)}…' had length ${key.length}, which exceeded length limit of ${LIMITS.keyLength}`);
  if (!KEY_RE.test(key)) {
    throw invalid(`Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`);
  }
  // MLflow refuses names that would escape the run's folder when stored as files.
  if (key.split('/').some((p) => p === '..' || p === '.') || key.startsWith('/')) throw invalid(`Invalid ${kind} name: '${key}'. Names cannot be a path that resolves outside the run.`);
  return key;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

export function validateParamValue(key: string, value: unknown): string {
  const v = typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);
  if (v === undefined) throw invalid(`Missing value for required parameter 'value'. See the API docs for more information about request parameters.`);
  if (v.length > LIMITS.paramValueLength) throw invalid(`Param value '${v.slice(0, 40)}…' had length ${v.length}, which exceeded length limit of ${LIMITS.paramValueLength}`);
  return v;
}

export function validateTagValue(key: string, value: unknown, limit: number = LIMITS.tagValueLength): string {
  const v = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (v.length > limit) throw invalid(`Tag value '${v.slice(0, 40)}…' had length ${v.length}, which exceeded length limit of ${limit}`);
  return v;
}

/** Metric values arrive as JSON numbers or as the strings "NaN", "Infinity", "-Infinity". */
export function parseMetricValue(key: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity' || value === 'inf') return Infinity;
    if (value === '-Infinity' || value === '-inf') return -Infinity;
    if (value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  throw invalid(`Got invalid value ${JSON.stringify(value)} for metric '${key}' (timestamp=…). Please specify value as a valid double (64-bit floating point)`);
}

/** The reverse, for responses: JSON has no NaN/Infinity literals. */
export function encodeMetricValue(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

export function parseInt64(name: string, value: unknown, fallback?: number): number {
  if (value === undefined || value === null || value === '') {
    if (fallback !== undefined) return fallback;
    throw invalid(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw invalid(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied. Hint: Value was of type '${typeof value}'. See the API docs for more information about request parameters.`);
  return n;
}

export function requireString(name: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw invalid(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);
}

export function optionalString(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw invalid(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied. Hint: Value was of type '${typeof value}'.`);
}

export interface KeyValue {
  key: string;
  value: string;
}

export function parseTags(name: string, raw: unknown, limit?: number): KeyValue[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid(`Invalid value for parameter '${name}': expected a list of {key, value}.`);
  return raw.map((t) => {
    const o = t as { key?: unknown; value?: unknown };
    const key = validateKey('tag', o?.key);
    return { key, value: validateTagValue(key, o?.value, limit) };
  });
}

export interface BatchInput {
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** log-batch: MLflow's count limits first (with its exact messages), then each entity's own rules. */
export function parseBatch(body: Record<string, unknown>): BatchInput {
  const metrics = asList(body.metrics, 'metrics');
  const params = asList(body.params, 'params');
  const tags = asList(body.tags, 'tags');
  const over = (n: number, max: number, what: string) => {
    if (n > max) throw invalid(`A batch logging request can contain at most ${max} ${what}. Got ${n} ${what}. Please split up ${what} across multiple requests and try again.`);
  };
  over(metrics.length, LIMITS.metricsPerBatch, 'metrics');
  over(params.length, LIMITS.paramsPerBatch, 'params');
  over(tags.length, LIMITS.tagsPerBatch, 'tags');
  const total = metrics.length + params.length + tags.length;
  if (total > LIMITS.entitiesPerBatch) {
    throw invalid(`A batch logging request can contain at most ${LIMITS.entitiesPerBatch} metrics, params, and tags in total. Got ${total} total entities. Please split up across multiple requests and try again.`);
  }
  return {
    metrics: metrics.map((m) => {
      const o = m as Record<string, unknown>;
      const key = validateKey('metric', o.key);
      return { key, value: parseMetricValue(key, o.value), timestamp: parseInt64('timestamp', o.timestamp), step: parseInt64('step', o.step, 0) };
    }),
    params: params.map((p) => {
      const o = p as Record<string, unknown>;
      const key = validateKey('param', o.key);
      return { key, value: validateParamValue(key, o.value) };
    }),
    tags: tags.map((t) => {
      const o = t as Record<string, unknown>;
      const key = validateKey('tag', o.key);
      return { key, value: validateTagValue(key, o.value) };
    }),
  };
}

function asList(v: unknown, name: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`Invalid value for parameter '${name}': expected a list.`);
  return v;
}

/** MLflow's run-id shape; anything else cannot exist, so it is a 404 without a query. */
export const RUN_ID_RE = /^[a-zA-Z0-9][\w-]{0,255}$/;
