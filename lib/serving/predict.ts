// The scoring path every source shares (REST, V2, the form, batch jobs): validate the records against the served
// model's features, score them through the micro-batcher, attach the decision and risk band, explain on request, and
// log every row durably (group commit) before returning. A caller that gets a result back knows its rows are logged.
import type { Db, DbHandle } from '@/db/client';
import { GroupCommitLog, rawLogInserter, type LogRow } from '@/db/prediction-log';
import type { PredictionSource } from '@/db/serving-schema';
import { ApiError } from '@/lib/api/errors';
import { SENSITIVE_ATTRIBUTE_NAMES } from '@/lib/data/features';
import { encodeRecord } from '@/lib/ml/encoder';
import { topReasons, type Reason } from '@/lib/ml/explain/reasons';
import { MicroBatcher } from './batcher';
import { metrics } from './metrics';
import { decide, policyFromModel, riskBand, type Decision, type DecisionPolicy, type RiskBand } from './policy';
import { explainRows, type ServedModel } from './served-model';

export const CUSTOMER_ID = 'customer_id';
/**
 * Fields a record may carry that are not model inputs: the customer's sensitive attributes. They are never scored on;
 * a fairness threshold policy (lib/serving/policy.ts) uses them to pick the record's decision threshold.
 */
export const GROUP_ATTRIBUTES: readonly string[] = SENSITIVE_ATTRIBUTE_NAMES;
export const MAX_ROWS_PER_REQUEST = 10_000;
const MAX_ERRORS_REPORTED = 100;

export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

/**
 * Checks each record: an object, an optional string customer_id, known fields only, and valid feature values. The
 * encoder that validates also fills `encoded` (rows × features, the model's input tensor), so a valid request is
 * encoded once.
 */
export function validateRecords(
  model: Pick<ServedModel, 'manifest'>,
  rows: readonly unknown[],
): { records: Record<string, unknown>[]; customerIds: (string | null)[]; attributes: (Record<string, string> | null)[]; issues: RowIssue[]; encoded: Float32Array } {
  const features = model.manifest.features;
  const known = new Set(features.map((f) => f.name));
  const width = features.length;
  const encoded = new Float32Array(rows.length * width);
  const issues: RowIssue[] = [];
  const records: Record<string, unknown>[] = [];
  const customerIds: (string | null)[] = [];
  const attributes: (Record<string, string> | null)[] = [];
  rows.forEach((raw, row) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ row, field: '(record)', message: 'must be an object of feature values' });
      records.push({});
      customerIds.push(null);
      attributes.push(null);
      return;
    }
    const rec = raw as Record<string, unknown>;
    const id = rec[CUSTOMER_ID];
    if (id !== undefined && id !== null && (typeof id !== 'string' || id.length === 0 || id.length > 200)) {
      issues.push({ row, field: CUSTOMER_ID, message: 'must be a string of 1 to 200 characters' });
    } else if (typeof id === 'string' && !storableText(id)) {
      issues.push({ row, field: CUSTOMER_ID, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
    }
    let attrs: Record<string, string> | null = null;
    for (const key of Object.keys(rec)) {
      if (!known.has(key) && GROUP_ATTRIBUTES.includes(key)) {
        const v = rec[key];
        if (v === null || v === undefined) continue;
        if (typeof v !== 'string' || v.length === 0 || v.length > 100 || !storableText(v)) issues.push({ row, field: key, message: 'must be a group label: a string of 1 to 100 characters' });
        else (attrs ??= {})[key] = v;
        continue;
      }
      if (key !== CUSTOMER_ID && !known.has(key)) issues.push({ row, field: key, message: `is not a feature of this model (see GET /api/v1/models/${encodeURIComponent(modelName(model))})` });
    }
    for (const e of encodeRecord(model.manifest, rec, encoded, row * width)) issues.push({ row, ...e });
    const values: Record<string, unknown> = {};
    for (const f of features) values[f.name] = rec[f.name] ?? null;
    records.push(values);
    customerIds.push(typeof id === 'string' ? id : null);
    attributes.push(attrs);
  });
  return { records, customerIds, attributes, issues, encoded };
}

/**
 * PostgreSQL text cannot hold NUL, and JSON's \uD800-style escapes of unpaired surrogates are refused when the log
 * unpacks its JSON parameter: such an id would fail the whole group-commit INSERT, and with it every other request
 * sharing that statement (a 500 for all of them). It is refused here, as a 422 for the request that sent it.
 */
function storableText(s: string): boolean {
  return !s.includes('\u0000') && s.isWellFormed();
}

function modelName(model: Pick<ServedModel, 'manifest'> & { name?: string }): string {
  return model.name ?? 'streamflow-churn';
}

/** A 422 that names every bad row and field (the first 100), with the path a client can map back to its body. */
export function rowIssuesError(issues: readonly RowIssue[], pathPrefix = 'body.customers'): ApiError {
  const shown = issues.slice(0, MAX_ERRORS_REPORTED);
  const first = shown[0]!;
  const rows = new Set(issues.map((i) => i.row)).size;
  return new ApiError(
    'validation_failed',
    `${issues.length} invalid field${issues.length === 1 ? '' : 's'} in ${rows} record${rows === 1 ? '' : 's'}; first: record ${first.row}, ${first.field} ${first.message}`,
    shown.map((i) => ({ path: `${pathPrefix}.${i.row}${i.field.startsWith('(') ? '' : `.${i.field}`}`, row: i.row, field: i.field, message: i.message })),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Shared per-process machinery: one batcher per loaded model, one group-commit log.

/** What one row of a batch is: its encoded input row (single-tensor models) or its record (one input per column). */
type BatchItem = Float32Array | Record<string, unknown>;
const batchers = new WeakMap<ServedModel, MicroBatcher<BatchItem, number>>();

function batcherFor(model: ServedModel): MicroBatcher<BatchItem, number> {
  let b = batchers.get(model);
  if (!b) {
    const m = metrics();
    const width = model.manifest.features.length;
    b = new MicroBatcher<BatchItem, number>(
      async (items) => {
        if (model.manifest.input.kind === 'tensor') {
          const x = new Float32Array(items.length * width);
          for (let i = 0; i < items.length; i++) x.set(items[i] as Float32Array, i * width);
          return model.scorer.scoreEncoded(x, items.length);
        }
        const { probabilities, errors } = await model.scorer.scoreDetailed(items as Record<string, unknown>[]);
        if (errors.length) throw new Error(`a validated record failed to encode: row ${errors[0]!.row} ${errors[0]!.field} ${errors[0]!.message}`);
        return probabilities;
      },
      {
        maxRows: 8192,
        maxWaitMs: 0,
        onBatch: ({ rows, requests, ms }) => {
          m.batchRows.observe(rows);
          m.batchRequests.observe(requests);
          m.inferenceSeconds.observe(ms / 1000);
        },
      },
    );
    batchers.set(model, b);
  }
  return b;
}

const g = globalThis as unknown as { __streamflowLog?: { db: Db; log: GroupCommitLog } };

/** The process's prediction-log writer (group commit). PGlite has one connection, so one statement at a time. */
export function predictionLog(handle: DbHandle): GroupCommitLog {
  const db = handle.db;
  if (!g.__streamflowLog || g.__streamflowLog.db !== db) {
    const m = metrics();
    const log = new GroupCommitLog(rawLogInserter(handle), {
      concurrency: handle.driver === 'pglite' ? 1 : 3,
      maxRows: 20_000,
      onFlush: (rows, ms, ok) => {
        m.logFlushRows.observe(rows);
        m.logFlushSeconds.observe(ms / 1000);
        if (!ok) m.logFailures.inc();
        const s = log.stats();
        m.logQueueRows.set(s.queuedRows);
        m.logInFlight.set(s.inFlight);
      },
    });
    g.__streamflowLog = { db, log };
  }
  return g.__streamflowLog.log;
}

// ---------------------------------------------------------------------------------------------------------------------

export interface Prediction {
  customer_id?: string;
  churn_probability: number;
  risk_band: RiskBand;
  decision: Decision;
  explanation?: { expected_value: number; margin: number; contributions: Record<string, number>; top_reasons: Reason[] };
}

export interface ScoreInput {
  model: ServedModel;
  /** Validated records (feature values only, every feature present, null for missing). */
  records: Record<string, unknown>[];
  /** The records encoded (validateRecords' `encoded`); without it the scorer encodes them again. */
  encoded?: Float32Array;
  customerIds: (string | null)[];
  /** Each record's group attributes (validateRecords' `attributes`), for a per-group threshold policy. */
  attributes?: (Record<string, string> | null)[];
  explain: boolean;
  source: PredictionSource;
  requestId: string;
  caller: string | null;
  /** performance.now() when the request arrived, for the logged latency. */
  startedAt: number;
  policy?: DecisionPolicy;
  log: GroupCommitLog;
  /** Reasons per row when explaining (default 3). */
  topK?: number;
}

export interface ScoreOutput {
  model: { name: string; version: string };
  policy: DecisionPolicy;
  predictions: Prediction[];
  probabilities: Float64Array;
}

function batchItems(model: ServedModel, records: Record<string, unknown>[], encoded?: Float32Array): BatchItem[] {
  if (model.manifest.input.kind !== 'tensor') return records;
  const width = model.manifest.features.length;
  if (encoded && encoded.length === records.length * width) return records.map((_, i) => encoded.subarray(i * width, (i + 1) * width));
  return records.map((r) => {
    const row = new Float32Array(width);
    encodeRecord(model.manifest, r, row);
    return row;
  });
}

/** Scores validated records, logs every row (awaiting the commit) and returns the predictions in input order. */
export async function scoreAndLog(input: ScoreInput): Promise<ScoreOutput> {
  const { model, records, customerIds } = input;
  const policy = input.policy ?? policyFromModel(model.manifest, model.version);
  const [probs, explanations] = await Promise.all([
    batcherFor(model).submit(batchItems(model, records, input.encoded)),
    input.explain ? explainRows(model, records) : Promise.resolve(null),
  ]);
  const latencyMs = performance.now() - input.startedAt;
  const m = metrics();
  const predictions: Prediction[] = new Array(records.length);
  const logRows: LogRow[] = new Array(records.length);
  const probabilities = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const p = probs[i]!;
    probabilities[i] = p;
    const decision = decide(p, policy, input.attributes?.[i]);
    const band = riskBand(p, decision.threshold);
    const id = customerIds[i] ?? null;
    const pred: Prediction = { ...(id !== null ? { customer_id: id } : {}), churn_probability: p, risk_band: band, decision };
    const ex = explanations?.[i];
    if (ex) {
      pred.explanation = {
        expected_value: ex.expectedValue,
        margin: ex.margin,
        contributions: ex.contributions,
        top_reasons: topReasons(ex.contributions, records[i]!, model.manifest.features, input.topK ?? 3),
      };
    }
    predictions[i] = pred;
    logRows[i] = {
      requestId: input.requestId,
      rowIndex: i,
      source: input.source,
      modelName: model.name,
      modelVersion: model.version,
      customerId: id,
      features: records[i]!,
      churnProbability: p,
      riskBand: band,
      contact: decision.contact,
      threshold: decision.threshold,
      latencyMs,
      caller: input.caller,
    };
    m.score.observe(p);
  }
  await input.log.append(logRows);
  m.predictions.inc({ source: input.source, model: model.name, version: String(model.version) }, records.length);
  return { model: { name: model.name, version: String(model.version) }, policy, predictions, probabilities };
}
