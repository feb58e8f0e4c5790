// The OpenAPI document's components/schemas. The scoring schemas come from ./schemas.ts (what the routes parse); the
// response shapes no route parses (model info, batch jobs, V2 metadata, probes) are written here. They all go into a
// local registry with their ids, and zod's registry conversion writes every cross-reference as
// `#/components/schemas/<id>`. The local registry keeps these ids out of z.globalRegistry, where another module
// declaring the same id would make the import throw.
import { z } from 'zod';
import { BATCH_JOB_STATUSES } from '@/db/serving-schema';
import * as S from './schemas';

type Meta = { id: string; description?: string };

const modelInfoSchema = z.object({
  name: z.string(),
  version: z.string().meta({ description: 'The version the alias points at' }),
  alias: z.string().meta({ description: 'The registry alias that is served (champion)' }),
  kind: z.enum(['tree_ensemble', 'linear', 'other']),
  threshold: z.number().min(0).max(1).meta({ description: 'The decision threshold stored with the version' }),
  calibrated: z.boolean(),
  explainable: z.boolean().meta({ description: 'Whether ?explain=true returns per-feature reasons for this version' }),
  features: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['numeric', 'categorical', 'boolean']),
      unit: z.string().optional(),
      description: z.string().optional(),
      categories: z.array(z.string()).optional(),
      range: z.array(z.number()).min(2).max(2).optional().meta({ description: '[min, max], inclusive' }),
      nullable: z.boolean(),
    }),
  ),
  example: z.object({
    record: z.record(z.string(), z.unknown()).meta({ description: 'A reference record that scores as-is' }),
    churn_probability: z.number().min(0).max(1),
  }),
});

const nullableTime = z.string().meta({ format: 'date-time' }).nullable();
const batchJobSchema = z.object({
  id: z.string().meta({ format: 'uuid' }),
  status: z.enum(BATCH_JOB_STATUSES),
  file_name: z.string().meta({ description: 'The uploaded file’s name' }),
  created_by: z.string().nullable().meta({ description: 'Who uploaded it (a user’s email or key:<name>)' }),
  created_at: z.string().meta({ format: 'date-time' }),
  started_at: nullableTime,
  finished_at: nullableTime,
  updated_at: z.string().meta({ format: 'date-time' }),
  model: z.object({ name: z.string(), version: z.string().nullable() }).meta({ description: 'The model version that scores the file (fixed when the job is created)' }),
  total_rows: z.number().int().nullable().meta({ description: 'Customer rows in the file' }),
  rows_done: z.number().int().meta({ description: 'Rows processed so far (scored or rejected)' }),
  invalid_rows: z.number().int().meta({ description: 'Rows rejected by validation; GET …/errors lists them' }),
  scored_rows: z.number().int(),
  progress: z.number().min(0).max(1),
  eta_seconds: z.number().int().nullable().meta({ description: 'Estimated seconds to completion while running; null otherwise' }),
  rows_per_second: z.number().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable().meta({ description: 'Why the job failed, when it did' }),
  links: z.object({
    self: z.string(),
    result: z.string().nullable().meta({ description: 'Once the job has succeeded' }),
    errors: z.string().nullable().meta({ description: 'When rows were rejected' }),
    retry: z.string().nullable().meta({ description: 'When the job failed or was cancelled' }),
  }),
});

const rowIssueSchema = z.object({ line: z.number().int().meta({ description: 'Line in the uploaded file' }), customer_id: z.string().nullable(), field: z.string(), message: z.string() });
const batchJobEnvelopeSchema = z.object({ job: batchJobSchema });
const batchJobDetailSchema = z.object({
  job: z.object({ ...batchJobSchema.shape, invalid_rows_sample: z.array(rowIssueSchema).meta({ description: 'The first invalid rows (up to 20)' }) }),
});
const batchJobListSchema = z.object({ jobs: z.array(batchJobSchema).meta({ description: 'Newest first' }) });

const batchUploadSchema = z.object({
  file: z.string().meta({
    format: 'binary',
    contentMediaType: 'text/csv',
    description: 'A CSV file whose header names every feature of the served model (customer_id optional), one customer per line',
  }),
});

const healthSchema = z.object({ status: z.literal('ok'), uptime_s: z.number().int() });
const readySchema = z.object({
  status: z.literal('ready'),
  ready: z.boolean(),
  applied: z.number().int().meta({ description: 'Database migrations applied' }),
  expected: z.number().int().meta({ description: 'Database migrations shipped with this build' }),
  driver: z.enum(['pglite', 'postgres']),
});

const v2ServerMetadataSchema = z.object({ name: z.string(), version: z.string(), extensions: z.array(z.string()) });
const v2TensorMetadataSchema = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number().int()) });
const v2ModelMetadataSchema = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(v2TensorMetadataSchema),
  outputs: z.array(v2TensorMetadataSchema),
  parameters: z
    .object({
      feature_order: z.array(z.string()).meta({ description: 'Column order of the [N, F] tensor input' }),
      category_codes: z.record(z.string(), z.array(z.string())).meta({ description: 'Per categorical feature, the value each integer code stands for' }),
      columns: z.array(z.record(z.string(), z.unknown())).meta({ description: 'The named-column layout (parameters.content_type = "pd")' }),
      content_types: z.array(z.string()),
      threshold: z.number(),
    })
    .meta({ description: 'StreamFlow extensions: how to build either request layout' }),
});
const v2LiveSchema = z.object({ live: z.boolean() });
const v2ReadySchema = z.object({ ready: z.boolean() });
const v2ModelReadySchema = z.object({ name: z.string(), ready: z.boolean() });

/** Every component: the schema and its id (descriptions of the scoring schemas stay where they are declared). */
const COMPONENTS: [z.ZodType, Meta][] = [
  ...[
    S.customerRecordSchema,
    S.predictRequestDoc,
    S.reasonSchema,
    S.predictionSchema,
    S.predictResponseSchema,
    S.errorSchema,
    S.v2TensorSchema,
    S.v2InferRequestSchema,
    S.v2InferResponseSchema,
    S.v2ErrorSchema,
  ].map((s): [z.ZodType, Meta] => [s, z.globalRegistry.get(s) as Meta]),
  [modelInfoSchema, { id: 'ModelInfo', description: 'The served version of a model, its features and an example record' }],
  [batchJobSchema, { id: 'BatchJob', description: 'A CSV scoring job and its progress' }],
  [batchJobEnvelopeSchema, { id: 'BatchJobResponse' }],
  [batchJobDetailSchema, { id: 'BatchJobDetail', description: 'A job with a sample of its invalid rows' }],
  [batchJobListSchema, { id: 'BatchJobList' }],
  [batchUploadSchema, { id: 'BatchJobUpload', description: 'multipart/form-data with one file field' }],
  [healthSchema, { id: 'Health' }],
  [readySchema, { id: 'Ready' }],
  [v2ServerMetadataSchema, { id: 'V2ServerMetadata' }],
  [v2ModelMetadataSchema, { id: 'V2ModelMetadata', description: 'Model metadata as the Open Inference Protocol defines it, plus StreamFlow parameters' }],
  [v2LiveSchema, { id: 'V2Live' }],
  [v2ReadySchema, { id: 'V2Ready' }],
  [v2ModelReadySchema, { id: 'V2ModelReady' }],
];

type JsonSchema = Record<string, unknown>;
const SHARED = '__shared';

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    // A schema with a global id that is not listed above lands in zod's "__shared" $defs; it becomes a component too.
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(`#/components/schemas/${SHARED}#/$defs/`, '#/components/schemas/') : rewriteRefs(v);
  }
  return out;
}

/** components.schemas as JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses), cross-referenced with $ref. */
export function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<Meta>();
  for (const [schema, meta] of COMPONENTS) registry.add(schema, meta);
  // Input io: request schemas are documented as a client writes them (the ?explain query's strings, not the parsed
  // boolean), and response objects stay open to added fields rather than getting additionalProperties: false.
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, raw] of Object.entries(schemas as Record<string, JsonSchema>)) {
    if (id === SHARED) {
      for (const [sid, s] of Object.entries((raw.$defs ?? {}) as Record<string, JsonSchema>)) out[sid] = s;
      continue;
    }
    const { $schema: _s, $id: _i, ...schema } = raw;
    const { description } = COMPONENTS.find(([, m]) => m.id === id)?.[1] ?? {};
    out[id] = description && !schema.description ? { ...schema, description } : schema;
  }
  return rewriteRefs(out) as Record<string, JsonSchema>;
}
