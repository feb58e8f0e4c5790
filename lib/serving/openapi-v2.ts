// The Open Inference Protocol (KServe V2) operations of the OpenAPI document, as lib/serving/v2-routes.ts serves them:
// server probes and metadata, and per model (or pinned version) metadata, readiness and inference. Errors are
// `{"error": "..."}` as the protocol says.
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { accessNote, errors, json, PUBLIC_NOTE, REQUEST_ID_HEADER_REF, REQUEST_ID_PARAM, schemaRef, security, type Access, type Json } from './openapi-common';
import { shipped, v2Examples } from './openapi-examples';
import { TAGS } from './openapi-paths';
import { v2Metadata } from './v2';

const METADATA: Access = { role: 'retention', scopes: ['predict', 'read'] };
const INFER: Access = { role: 'retention', scopes: ['predict'] };

const nameParam = { name: 'name', in: 'path', required: true, description: `The model’s name (this server serves ${CHURN_MODEL})`, schema: { type: 'string' }, example: CHURN_MODEL };
const versionParam = { name: 'version', in: 'path', required: true, description: 'A registered version number', schema: { type: 'string', pattern: '^\\d+$' }, example: '1' };

const ok = (description: string, schemaId: string, value: unknown) => ({
  description,
  headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF },
  content: json(schemaId, { example: { summary: description, value } }),
});

/** The real metadata of the shipped model, with the per-column list cut to two entries to keep the example short. */
function modelMetadataExample() {
  const m = v2Metadata(CHURN_MODEL, 1, shipped());
  return { ...m, parameters: { ...m.parameters, columns: m.parameters.columns.slice(0, 2) } };
}

/** Metadata, ready and infer for one model path prefix (the model, or one pinned version of it). */
function modelPaths(prefix: string, pinned: boolean): Record<string, Json> {
  const params = pinned ? [nameParam, versionParam] : [nameParam];
  const which = pinned ? 'this version of the model' : 'the served (@champion) version of the model';
  const id = (op: string) => (pinned ? `v2Version${op}` : `v2Model${op}`);
  const ex = v2Examples();
  return {
    [prefix]: {
      get: {
        tags: [TAGS.v2],
        operationId: id('Metadata'),
        summary: pinned ? 'Version metadata' : 'Model metadata',
        description:
          `Inputs, outputs and platform of ${which}. \`parameters\` tells how to build either request layout: \`feature_order\` and \`category_codes\` for the [N, F] tensor, \`columns\` for one input per feature.` +
          accessNote(METADATA),
        security: security(METADATA),
        parameters: params,
        responses: { '200': ok('Model metadata', 'V2ModelMetadata', modelMetadataExample()), ...errors([401, 403, 404, 429, 503], 'v2') },
      },
    },
    [`${prefix}/ready`]: {
      get: {
        tags: [TAGS.v2],
        operationId: id('Ready'),
        summary: pinned ? 'Version readiness' : 'Model readiness',
        description: `Whether ${which} can score now: 200 when it can, 503 while it cannot be loaded.` + PUBLIC_NOTE,
        security: [],
        parameters: params,
        responses: {
          '200': ok('Ready', 'V2ModelReady', { name: CHURN_MODEL, ready: true }),
          '404': { $ref: '#/components/responses/V2NotFound' },
          '503': { description: 'Not ready', content: json('V2ModelReady', { example: { summary: 'Not ready', value: { name: CHURN_MODEL, ready: false } } }) },
        },
      },
    },
    [`${prefix}/infer`]: {
      post: {
        tags: [TAGS.v2],
        operationId: id('Infer'),
        summary: pinned ? 'Infer with a pinned version' : 'Infer',
        description:
          `Scores rows with ${which}. Send either one FP32/FP64 tensor \`input\` of shape [N, F] (features in \`feature_order\`, categoricals as their codes, booleans 0/1, null for missing), ` +
          'or one input per feature (`parameters.content_type = "pd"`; BYTES for categoricals, BOOL for booleans, an optional `customer_id` BYTES column). ' +
          'Outputs: `churn_probability` (FP64), `risk_band` (BYTES) and `contact` (BOOL); ask for some with `outputs`. Rows are validated, scored and logged exactly as POST /api/v1/predict does.' +
          accessNote(INFER),
        security: security(INFER),
        parameters: [...params, REQUEST_ID_PARAM],
        requestBody: { required: true, content: json('V2InferenceRequest', ex.request) },
        responses: {
          '200': ok('Inference response', 'V2InferenceResponse', ex.response),
          ...errors([400, 401, 403, 404, 413, 415, 429, 503], 'v2'),
        },
      },
    },
  };
}

export function v2Paths(): Record<string, Json> {
  return {
    '/v2': {
      get: {
        tags: [TAGS.v2],
        operationId: 'v2ServerMetadata',
        summary: 'Server metadata',
        description: 'The inference server’s name, version and protocol extensions.' + PUBLIC_NOTE,
        security: [],
        responses: { '200': ok('Server metadata', 'V2ServerMetadata', { name: 'streamflow-churn-server', version: '0.1.0', extensions: ['model_repository_health', 'request_logging'] }) },
      },
    },
    '/v2/health/live': {
      get: {
        tags: [TAGS.v2],
        operationId: 'v2ServerLive',
        summary: 'Server liveness',
        description: 'The server process answers (no database access).' + PUBLIC_NOTE,
        security: [],
        responses: { '200': ok('Live', 'V2Live', { live: true }) },
      },
    },
    '/v2/health/ready': {
      get: {
        tags: [TAGS.v2],
        operationId: 'v2ServerReady',
        summary: 'Server readiness',
        description: 'The served model is loaded and can score: 200 when ready, 503 when not.' + PUBLIC_NOTE,
        security: [],
        responses: {
          '200': ok('Ready', 'V2Ready', { ready: true }),
          '503': { description: 'Not ready', content: { 'application/json': { schema: schemaRef('V2Ready'), example: { ready: false } } } },
        },
      },
    },
    ...modelPaths('/v2/models/{name}', false),
    ...modelPaths('/v2/models/{name}/versions/{version}', true),
  };
}
