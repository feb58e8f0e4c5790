// The REST operations of the OpenAPI document: scoring, batch jobs and the operational probes. Access rules mirror
// the `route()` options of the handlers under app/api (openapi.test.ts checks every path has a route file).
import { z } from 'zod';
import { MAX_ROWS_PER_REQUEST } from './predict';
import { predictQuerySchema } from './schemas';
import { accessNote, errors, json, PUBLIC_NOTE, REQUEST_ID_HEADER_REF, REQUEST_ID_PARAM, security, type Access, type Json } from './openapi-common';
import { batchJobExample, modelInfoExample, predictExamples } from './openapi-examples';

export const TAGS = {
  scoring: 'Scoring',
  batch: 'Batch jobs',
  v2: 'Open Inference Protocol (V2)',
  ops: 'Operations',
  mlflow: 'MLflow tracking',
} as const;

const PREDICT: Access = { role: 'retention', scopes: ['predict'] };
const MODEL_INFO: Access = { role: 'retention', scopes: ['predict', 'read'] };
const BATCH: Access = { role: 'retention', scopes: ['predict'] };

const ok = (description: string, content: Json, headers: Json = {}) => ({ description, headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF, ...headers }, content });

const queryParams = (schema: z.ZodObject) => {
  const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties).map(([name, { description, ...s }]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, description, schema: s }));
};

const modelName = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'The registered model’s name',
  schema: { type: 'string' },
  example: 'streamflow-churn',
};

const jobId = { name: 'id', in: 'path', required: true, description: 'The job’s id', schema: { type: 'string', format: 'uuid' }, example: batchJobExample().id };

function scoringPaths(): Record<string, Json> {
  const ex = predictExamples();
  return {
    '/api/v1/predict': {
      post: {
        tags: [TAGS.scoring],
        operationId: 'predict',
        summary: 'Score customers',
        description:
          `Scores 1 to ${MAX_ROWS_PER_REQUEST.toLocaleString('en-US')} customers with the served (@champion) model and returns, per customer in request order, the churn probability, risk band and whether the current policy says to contact them. ` +
          'Every record is validated against the served model’s features (GET /api/v1/models/{name} lists them); one bad field fails the request with a 422 that names every bad row and field. ' +
          'Every scored row is in the prediction log before the response is sent. With `explain=true` each prediction carries TreeSHAP contributions and its three main reasons in plain words. ' +
          'For more than 10,000 customers, use a batch job.' +
          accessNote(PREDICT),
        security: security(PREDICT),
        parameters: [...queryParams(predictQuerySchema).map((q) => (q.name === 'explain' ? { ...q, example: 'true' } : q)), REQUEST_ID_PARAM],
        requestBody: { required: true, description: 'The customers to score', content: json('PredictRequest', ex.request) },
        responses: {
          '200': ok('One prediction per customer, in request order', json('PredictResponse', ex.response)),
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
    },
    '/api/v1/models/{name}': {
      get: {
        tags: [TAGS.scoring],
        operationId: 'getServedModel',
        summary: 'Served model and its features',
        description:
          'Which version of the model is served (its @champion alias), its decision threshold, every feature a record must carry (type, unit, allowed categories, valid range, whether null is allowed) and an example record that scores as-is.' +
          accessNote(MODEL_INFO),
        security: security(MODEL_INFO),
        parameters: [modelName],
        responses: {
          '200': ok('The served version and its features', json('ModelInfo', { example: { summary: 'The churn model', value: modelInfoExample() } })),
          ...errors([401, 403, 404, 429, 503]),
        },
      },
    },
  };
}

function batchPaths(): Record<string, Json> {
  const note = accessNote(BATCH);
  const base = { tags: [TAGS.batch], security: security(BATCH) };
  const csv = (description: string, example: string) => ({
    description,
    headers: { 'Content-Disposition': { description: 'attachment; filename=…', schema: { type: 'string' } } },
    content: { 'text/csv': { schema: { type: 'string' }, example } },
  });
  const job = (status: Parameters<typeof batchJobExample>[0]) => ({ job: batchJobExample(status) });
  return {
    '/api/v1/batch-jobs': {
      post: {
        ...base,
        operationId: 'createBatchJob',
        summary: 'Score a CSV file',
        description:
          'Uploads a CSV file — its header names every feature of the served model and may add customer_id — and queues a job that scores it in the background with the version served now. ' +
          'Send it as multipart/form-data (field `file`) or as the body itself with `Content-Type: text/csv`. The file is checked as it streams in (size, rows, header); rows with invalid values are skipped and listed in the errors file. ' +
          'Poll GET /api/v1/batch-jobs/{id} for progress.' +
          note,
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { $ref: '#/components/schemas/BatchJobUpload' }, encoding: { file: { contentType: 'text/csv' } } },
            'text/csv': { schema: { type: 'string' }, example: 'customer_id,tenure_months,plan,contract,…\nC-100234,85,standard,monthly,…\n' },
          },
        },
        responses: {
          '202': ok('The job is queued', json('BatchJobResponse', { queued: { summary: 'Queued', value: job('queued') } }), { Location: { description: 'The job’s URL', schema: { type: 'string' } } }),
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
      get: {
        ...base,
        operationId: 'listBatchJobs',
        summary: 'List batch jobs',
        description: 'The most recent jobs, newest first, with their progress.' + note,
        parameters: [{ name: 'limit', in: 'query', required: false, description: 'How many jobs to return', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }],
        responses: {
          '200': ok('The jobs', json('BatchJobList', { jobs: { summary: 'Two jobs', value: { jobs: [batchJobExample('running'), batchJobExample('succeeded')] } } })),
          ...errors([401, 403, 422, 429, 503]),
        },
      },
    },
    '/api/v1/batch-jobs/{id}': {
      get: {
        ...base,
        operationId: 'getBatchJob',
        summary: 'Job status and progress',
        description: 'Status, rows done, invalid rows, throughput, the estimated time to completion, links to the downloads and the first invalid rows.' + note,
        parameters: [jobId],
        responses: {
          '200': ok('The job', json('BatchJobDetail', {
            running: { summary: 'Running', value: { job: { ...batchJobExample('running'), invalid_rows_sample: [{ line: 119, customer_id: 'C-204518', field: 'plan', message: 'must be one of basic, standard, premium, mobile' }] } } },
          })),
          ...errors([401, 403, 404, 422, 429, 503]),
        },
      },
    },
    '/api/v1/batch-jobs/{id}/result': {
      get: {
        ...base,
        operationId: 'getBatchJobResult',
        summary: 'Download the scores (CSV)',
        description: 'One line per scored row: customer_id, its line in the uploaded file, churn_probability, risk_band, contact, threshold and the three main reasons. Available once the job has succeeded (409 before).' + note,
        parameters: [jobId],
        responses: {
          '200': csv('The scored file', 'customer_id,line,churn_probability,risk_band,contact,threshold,reason_1,reason_2,reason_3\nC-100871,3,0.8857,high,true,0.196,2 failed payments in the last 90 days raises the churn risk,…\n'),
          ...errors([401, 403, 404, 409, 422, 429, 503]),
        },
      },
    },
    '/api/v1/batch-jobs/{id}/errors': {
      get: {
        ...base,
        operationId: 'getBatchJobErrors',
        summary: 'Download the invalid rows (CSV)',
        description: 'Every rejected value so far — line, customer_id, field and reason — so the file can be fixed and uploaded again.' + note,
        parameters: [jobId],
        responses: {
          '200': csv('The invalid rows', 'line,customer_id,field,message\n119,C-204518,plan,"must be one of basic, standard, premium, mobile"\n'),
          ...errors([401, 403, 404, 409, 422, 429, 503]),
        },
      },
    },
    '/api/v1/batch-jobs/{id}/cancel': {
      post: {
        ...base,
        operationId: 'cancelBatchJob',
        summary: 'Cancel a job',
        description: 'Stops a queued or running job after its current chunk; rows already scored stay in the prediction log. 409 in any other state.' + note,
        parameters: [jobId],
        responses: {
          '200': ok('The job, cancelled', json('BatchJobResponse', { cancelled: { summary: 'Cancelled', value: job('cancelled') } })),
          ...errors([401, 403, 404, 409, 422, 429, 503]),
        },
      },
    },
    '/api/v1/batch-jobs/{id}/retry': {
      post: {
        ...base,
        operationId: 'retryBatchJob',
        summary: 'Retry a failed or cancelled job',
        description: 'Queues the job again; it continues from its last committed chunk. 409 in any other state.' + note,
        parameters: [jobId],
        responses: {
          '202': ok('The job is queued again', json('BatchJobResponse', { queued: { summary: 'Queued again', value: { job: { ...batchJobExample('failed'), status: 'queued', finished_at: null, error: null } } } })),
          ...errors([401, 403, 404, 409, 422, 429, 503]),
        },
      },
    },
  };
}

function opsPaths(): Record<string, Json> {
  return {
    '/api/health': {
      get: {
        tags: [TAGS.ops],
        operationId: 'health',
        summary: 'Liveness',
        description: 'The process answers. It does not touch the database, so a database outage does not make an orchestrator restart the app.' + PUBLIC_NOTE,
        security: [],
        responses: { '200': ok('Alive', json('Health', { ok: { summary: 'Alive', value: { status: 'ok', uptime_s: 5231 } } })) },
      },
    },
    '/api/ready': {
      get: {
        tags: [TAGS.ops],
        operationId: 'ready',
        summary: 'Readiness',
        description: 'The database answers and every shipped migration has been applied; route traffic here only then.' + PUBLIC_NOTE,
        security: [],
        responses: {
          '200': ok('Ready', json('Ready', { ready: { summary: 'Ready', value: { status: 'ready', ready: true, applied: 4, expected: 4, driver: 'postgres' } } })),
          ...errors([503]),
        },
      },
    },
    '/api/metrics': {
      get: {
        tags: [TAGS.ops],
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        description:
          'Prometheus text exposition: request counts and latencies per route, predictions per source and model version, the score distribution, micro-batch sizes and the prediction log’s queue. ' +
          'Open by default (scrapers sit inside the network); when the server sets METRICS_TOKEN it asks for `Authorization: Bearer <METRICS_TOKEN>`.',
        security: [{}, { metricsToken: [] }],
        responses: {
          '200': {
            description: 'Metrics',
            content: {
              'text/plain; version=0.0.4': {
                schema: { type: 'string' },
                example: '# HELP predictions_total Rows scored and logged, by source\n# TYPE predictions_total counter\npredictions_total{source="api",model="streamflow-churn",version="1",app="streamflow"} 1042\n',
              },
            },
          },
          ...errors([401]),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        tags: [TAGS.ops],
        operationId: 'openapi',
        summary: 'This API description',
        description: 'The OpenAPI 3.1 document this page is rendered from, generated from the same zod schemas the routes validate with.' + PUBLIC_NOTE,
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
}

export function restPaths(): Record<string, Json> {
  return { ...scoringPaths(), ...batchPaths(), ...opsPaths() };
}
