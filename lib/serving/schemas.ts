// The scoring API's contract as zod schemas: the routes parse with them and /api/openapi.json is generated from them.
// A customer record's schema is built from the feature dictionary, so the documentation lists every feature with its
// type, unit, range and categories. The predict route itself checks records row by row (validateRecords) so that a
// 10,000-row body is parsed once and every bad field is reported with its row.
import { z } from 'zod';
import { FEATURES, type FeatureSpec } from '@/lib/data/features';

function featureSchema(f: FeatureSpec): z.ZodType {
  const desc = `${f.description}${f.unit ? ` Unit: ${f.unit}.` : ''}${f.nullable ? ' May be null.' : ''}`;
  let s: z.ZodType;
  if (f.type === 'numeric') {
    let n = f.integer ? z.number().int() : z.number();
    if (f.range) n = n.min(f.range[0]).max(f.range[1]);
    s = n;
  } else if (f.type === 'boolean') s = z.boolean();
  else s = z.enum(f.categories as [string, ...string[]]);
  return (f.nullable ? s.nullable() : s).meta({ description: desc });
}

export const customerRecordSchema = z
  .strictObject({
    customer_id: z.string().min(1).max(200).optional().meta({ description: 'Your id for the customer; echoed back and stored in the prediction log.' }),
    ...Object.fromEntries(FEATURES.map((f) => [f.name, featureSchema(f)])),
    ...Object.fromEntries(
      ['age_band', 'gender', 'region'].map((a) => [
        a,
        z.string().min(1).max(100).optional().meta({
          description: `Optional, never a model input. When the served version has a fairness threshold policy keyed by ${a}, the record is decided at its group's threshold (decision.threshold_source says which).`,
        }),
      ]),
    ),
  })
  .meta({ id: 'CustomerRecord', description: 'One customer: every feature of the served model by name (GET /api/v1/models/{name} lists them).' });

export const predictRequestDoc = z.strictObject({ customers: z.array(customerRecordSchema).min(1).max(10_000) }).meta({ id: 'PredictRequest' });

/** What the route parses: the envelope only; rows are validated against the served model's own features. */
export const predictRequestSchema = z.strictObject({
  customers: z.array(z.unknown()).meta({ description: '1 to 10,000 customer records' }),
});

export const predictQuerySchema = z.object({
  explain: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .meta({ description: 'Add TreeSHAP reasons to every prediction' }),
});

export const reasonSchema = z
  .object({
    feature: z.string(),
    contribution: z.number().meta({ description: 'Log-odds this feature adds to the margin' }),
    direction: z.enum(['raises', 'lowers']),
    value: z.unknown().meta({ description: 'The value sent' }),
    sentence: z.string().meta({ description: 'The reason in plain words' }),
  })
  .meta({ id: 'Reason' });

export const predictionSchema = z
  .object({
    customer_id: z.string().optional(),
    churn_probability: z.number().min(0).max(1).meta({ description: 'Calibrated probability of churning within 30 days' }),
    risk_band: z.enum(['low', 'medium', 'high']).meta({ description: 'high: at or above the decision threshold; medium: at or above half of it; low: below' }),
    decision: z
      .object({
        contact: z.boolean(),
        threshold: z.number(),
        threshold_source: z.string().optional().meta({ description: 'Present when the version has a per-group threshold policy: which threshold was used and why (the group, or the default when the record lacks the attribute)' }),
      })
      .meta({ description: 'Whether the current policy says to contact the customer, and the threshold it used' }),
    explanation: z
      .object({
        expected_value: z.number().meta({ description: 'The model’s average margin (log-odds) on its reference data' }),
        margin: z.number().meta({ description: 'This row’s margin (log-odds); expected_value + Σ contributions = margin' }),
        contributions: z.record(z.string(), z.number()),
        top_reasons: z.array(reasonSchema),
      })
      .optional(),
  })
  .meta({ id: 'Prediction' });

export const predictResponseSchema = z
  .object({
    model: z.object({ name: z.string(), version: z.string() }),
    predictions: z.array(predictionSchema).meta({ description: 'One per customer, in request order' }),
  })
  .meta({ id: 'PredictResponse' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .union([
          z.array(z.object({ path: z.string(), message: z.string(), row: z.number().optional(), field: z.string().optional() })),
          z.record(z.string(), z.unknown()),
        ])
        .optional()
        .meta({ description: 'A validation error lists every bad field (path, and row/field for records); other errors may carry an object (a limit, a readiness report)' }),
      request_id: z.string(),
    }),
  })
  .meta({ id: 'Error' });

// ----- Open Inference Protocol V2 -------------------------------------------------------------------------------------

export const V2_DATATYPES = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES'] as const;

export const v2TensorSchema = z
  .object({
    name: z.string().min(1),
    shape: z.array(z.number().int().min(0)),
    datatype: z.enum(V2_DATATYPES),
    parameters: z.record(z.string(), z.unknown()).optional(),
    data: z.array(z.unknown()),
  })
  .meta({ id: 'V2Tensor' });

export const v2InferRequestSchema = z
  .object({
    id: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    inputs: z.array(v2TensorSchema).min(1),
    outputs: z.array(z.object({ name: z.string(), parameters: z.record(z.string(), z.unknown()).optional() })).optional(),
  })
  .meta({ id: 'V2InferenceRequest' });

export const v2InferResponseSchema = z
  .object({
    model_name: z.string(),
    model_version: z.string(),
    id: z.string(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    outputs: z.array(z.object({ name: z.string(), shape: z.array(z.number()), datatype: z.string(), data: z.array(z.unknown()) })),
  })
  .meta({ id: 'V2InferenceResponse' });

export const v2ErrorSchema = z.object({ error: z.string() }).meta({ id: 'V2Error' });
