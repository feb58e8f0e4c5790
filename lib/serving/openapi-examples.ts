// Examples in the OpenAPI document, built from the shipped model's manifest so that a client can paste them and get a
// 200: a reference record of the model (low risk) and an at-risk customer, in the REST and both V2 layouts. The
// response figures were computed with the shipped model; openapi.test.ts checks every request example validates.
import shippedManifest from '@/models/manifest.json';
import { modelManifestSchema, type ModelManifest } from '@/lib/ml/manifest';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import { describeFeatures } from './feature-info';

let manifest: ModelManifest | null = null;
/** The manifest of the model in models/ (what a fresh deployment serves). */
export function shipped(): ModelManifest {
  return (manifest ??= modelManifestSchema.parse(shippedManifest));
}

const AT_RISK: Record<string, unknown> = {
  tenure_months: 4,
  plan: 'basic',
  contract: 'monthly',
  monthly_charge: 8.99,
  payment_method: 'gift_card',
  failed_payments_90d: 2,
  watch_hours_30d: 6.5,
  sessions_30d: 4,
  days_since_last_login: 19,
  devices: 1,
  profiles: 1,
  support_tickets_90d: 3,
  avg_rating_given: null,
  content_diversity: 0.22,
  completion_rate: 0.31,
  downloads_30d: 0,
  plan_changes_12m: 1,
  primary_device: 'mobile',
  promo_used: true,
  autoplay_off: false,
};

/** Two customers: the model's first reference record and one at risk, each with a customer_id. */
export function exampleCustomers(): Record<string, unknown>[] {
  return [
    { customer_id: 'C-100234', ...shipped().reference_rows[0] },
    { customer_id: 'C-100871', ...AT_RISK },
  ];
}

const decision = (contact: boolean) => ({ contact, threshold: shipped().threshold });
const MODEL = { name: CHURN_MODEL, version: '1' };

export function predictExamples() {
  const [low, risky] = exampleCustomers();
  return {
    request: {
      one: { summary: 'One customer', value: { customers: [low] } },
      two: { summary: 'Two customers (one at risk)', value: { customers: [low, risky] } },
      risky: { summary: 'A customer at risk (try it with explain=true)', value: { customers: [risky] } },
    },
    response: {
      plain: {
        summary: 'Two customers',
        value: {
          model: MODEL,
          predictions: [
            { customer_id: 'C-100234', churn_probability: 0.0278, risk_band: 'low', decision: decision(false) },
            { customer_id: 'C-100871', churn_probability: 0.8857, risk_band: 'high', decision: decision(true) },
          ],
        },
      },
      explained: {
        summary: 'With explain=true',
        value: {
          model: MODEL,
          predictions: [
            {
              customer_id: 'C-100871',
              churn_probability: 0.8857,
              risk_band: 'high',
              decision: decision(true),
              explanation: {
                expected_value: -3.9557,
                margin: 2.0473,
                contributions: {
                  tenure_months: 0.382, plan: 0.13, contract: 0.213, monthly_charge: -0.373, payment_method: 0.363,
                  failed_payments_90d: 1.48, watch_hours_30d: 0.723, sessions_30d: 0.87, days_since_last_login: 0.754,
                  devices: -0.108, profiles: 0.072, support_tickets_90d: 0.792, avg_rating_given: 0.101, content_diversity: 0.613,
                  completion_rate: -0.082, downloads_30d: -0.345, plan_changes_12m: 0.055, primary_device: 0.023, promo_used: 0.334,
                  autoplay_off: 0.006,
                },
                top_reasons: [
                  { feature: 'failed_payments_90d', contribution: 1.48, direction: 'raises', value: 2, sentence: '2 failed payments in the last 90 days raises the churn risk' },
                  { feature: 'sessions_30d', contribution: 0.87, direction: 'raises', value: 4, sentence: '4 sessions in the last 30 days raises the churn risk' },
                  { feature: 'support_tickets_90d', contribution: 0.792, direction: 'raises', value: 3, sentence: '3 support tickets in the last 90 days raises the churn risk' },
                ],
              },
            },
          ],
        },
      },
    },
  };
}

export function modelInfoExample() {
  const m = shipped();
  return {
    name: CHURN_MODEL,
    version: '1',
    alias: SERVED_ALIAS,
    kind: m.kind,
    threshold: m.threshold,
    calibrated: m.calibration?.method === 'platt',
    explainable: true,
    features: describeFeatures(m),
    example: { record: m.reference_rows[0], churn_probability: 0.0278 },
  };
}

/** One [N, F] FP32 tensor in the manifest's feature order: categoricals as codes, booleans 0/1, null for missing. */
function tensorRow(rec: Record<string, unknown>): (number | null)[] {
  return shipped().features.map((f) => {
    const v = rec[f.name];
    if (v === null || v === undefined) return null;
    if (f.type === 'categorical') return (f.categories ?? []).indexOf(String(v));
    if (f.type === 'boolean') return v ? 1 : 0;
    return Number(v);
  });
}

export function v2Examples() {
  const [low, risky] = exampleCustomers();
  const features = shipped().features;
  const rows = [low!, risky!];
  const columnType = (t: string) => (t === 'categorical' ? 'BYTES' : t === 'boolean' ? 'BOOL' : 'FP64');
  return {
    request: {
      tensor: {
        summary: 'One [N, F] tensor (numpy layout; feature order and category codes from the model metadata)',
        value: { id: 'batch-42', inputs: [{ name: 'input', shape: [2, features.length], datatype: 'FP32', data: rows.map(tensorRow) }] },
      },
      columns: {
        summary: 'One input per column (pandas layout)',
        value: {
          id: 'batch-43',
          parameters: { content_type: 'pd' },
          inputs: [
            { name: 'customer_id', shape: [2], datatype: 'BYTES', data: rows.map((r) => r.customer_id) },
            ...features.map((f) => ({ name: f.name, shape: [2], datatype: columnType(f.type), data: rows.map((r) => r[f.name] ?? null) })),
          ],
        },
      },
      selected: {
        summary: 'Only some outputs',
        value: { inputs: [{ name: 'input', shape: [1, features.length], datatype: 'FP32', data: [tensorRow(risky!)] }], outputs: [{ name: 'churn_probability' }] },
      },
    },
    response: {
      model_name: CHURN_MODEL,
      model_version: '1',
      id: 'batch-42',
      parameters: { threshold: shipped().threshold, request_id: '0d4c7a52-5a0e-4b8e-9f13-6c1b2e8a7d90' },
      outputs: [
        { name: 'churn_probability', shape: [2], datatype: 'FP64', data: [0.0278, 0.8857] },
        { name: 'risk_band', shape: [2], datatype: 'BYTES', data: ['low', 'high'] },
        { name: 'contact', shape: [2], datatype: 'BOOL', data: [false, true] },
      ],
    },
  };
}

export function batchJobExample(status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' = 'running') {
  const id = '5b0f8a36-2d4e-4c61-9a7b-0c3e1f9d2a48';
  const base = `/api/v1/batch-jobs/${id}`;
  const total = 250000;
  const done = status === 'queued' ? 0 : status === 'succeeded' ? total : 112000;
  const invalid = status === 'queued' ? 0 : 37;
  const started = status !== 'queued';
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
  return {
    id,
    status,
    file_name: 'march-customers.csv',
    created_by: 'key:crm-nightly',
    created_at: '2026-03-02T09:14:05.120Z',
    started_at: started ? '2026-03-02T09:14:06.004Z' : null,
    finished_at: finished ? '2026-03-02T09:14:31.870Z' : null,
    updated_at: '2026-03-02T09:14:19.532Z',
    model: { name: CHURN_MODEL, version: '1' },
    total_rows: total,
    rows_done: done,
    invalid_rows: invalid,
    scored_rows: done - invalid,
    progress: done / total,
    eta_seconds: status === 'running' ? 14 : null,
    rows_per_second: status === 'running' || status === 'succeeded' ? 9650 : null,
    attempts: started ? 1 : 0,
    error: status === 'failed' ? 'The worker stopped while scoring (out of memory); retry continues from row 112,000' : null,
    links: {
      self: base,
      result: status === 'succeeded' ? `${base}/result` : null,
      errors: invalid > 0 ? `${base}/errors` : null,
      retry: status === 'failed' || status === 'cancelled' ? `${base}/retry` : null,
    },
  };
}
