// The monitoring operations of the OpenAPI document (labels, drift comparison, stored windows), with request schemas
// generated from the same zod schemas the routes validate with. openapi.test.ts checks every path has a route file.
import { z } from 'zod';
import { accessNote, errors, REQUEST_ID_HEADER_REF, REQUEST_ID_PARAM, security, type Access, type Json } from '@/lib/serving/openapi-common';
import { DRIFT_MAX_ROWS } from './access';
import { driftCompareSchema } from './compare';
import { labelsRequestSchema, MAX_LABELS_PER_REQUEST } from './labels';
import { windowsQuerySchema } from './windows-api';

export const MONITORING_TAG = 'Monitoring';

const LABELS: Access = { role: 'data_scientist', scopes: ['labels'] };
const DRIFT: Access = { role: 'data_scientist', scopes: ['monitoring'] };
const READ: Access = { role: 'stakeholder', scopes: ['read', 'monitoring'] };

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
const ok = (description: string, body: Json) => ({ description, headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF }, content: { 'application/json': body } });

export const LABELS_EXAMPLE = { labels: [{ customer_id: 'C0012345', month: '2026-09', churned: true }, { request_id: 'b5d0…', row_index: 3, churned: false }] };
export const DRIFT_EXAMPLE = {
  reference: { monthly_charge: [8.99, 13.99, 19.99, null], plan: ['basic', 'standard', 'premium', 'basic'] },
  current: { monthly_charge: [9.99, 15.99, 22.99, 9.99], plan: ['basic', 'mobile', 'premium', 'mobile'] },
  columns: { monthly_charge: { method: 'psi', threshold: 0.2 } },
};

const columnDrift = {
  type: 'object',
  properties: {
    type: { enum: ['numeric', 'categorical'] },
    method: { enum: ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] },
    statistic: { type: ['number', 'null'], description: 'The test statistic or distance (null when infinite, e.g. chi-square with a category the reference never saw)' },
    p_value: { type: ['number', 'null'], description: 'null for distance methods' },
    score: { type: 'number', description: 'What is compared with the threshold: the p-value (drift when below) or the distance (drift when at or above)' },
    threshold: { type: 'number' },
    drift: { type: 'boolean' },
    null_share: { type: 'object', properties: { reference: { type: 'number' }, current: { type: 'number' } } },
  },
};

export function monitoringPaths(): Record<string, Json> {
  const query = z.toJSONSchema(windowsQuerySchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Json>; required?: string[] };
  return {
    '/api/v1/labels': {
      post: {
        tags: [MONITORING_TAG],
        operationId: 'sendLabels',
        summary: 'Send ground-truth churn labels',
        description:
          `Up to ${MAX_LABELS_PER_REQUEST.toLocaleString('en-US')} labels per request, as JSON or as a CSV file (\`Content-Type: text/csv\`, columns \`churned\` and \`customer_id\`[,\`month\`] or \`request_id\`[,\`row_index\`]). ` +
          'A label names the prediction it answers: by customer and the month the customer was scored in (default: the month of their latest prediction), or by request id and row. ' +
          'Sending a key again replaces its outcome. Nothing is stored unless every label is valid; a 422 names each bad row and field. Monitoring folds new labels into its windows within seconds.' +
          accessNote(LABELS),
        security: security(LABELS),
        parameters: [REQUEST_ID_PARAM],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: schema(labelsRequestSchema), example: LABELS_EXAMPLE },
            'text/csv': { schema: { type: 'string' }, example: 'customer_id,month,churned\nC0012345,2026-09,true\n' },
          },
        },
        responses: {
          '200': ok('How many labels were new and how many replaced an earlier outcome', { schema: { type: 'object', properties: { received: { type: 'integer' }, inserted: { type: 'integer' }, updated: { type: 'integer' } } }, example: { received: 2, inserted: 2, updated: 0 } }),
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
    },
    '/api/v1/drift/compare': {
      post: {
        tags: [MONITORING_TAG],
        operationId: 'compareDrift',
        summary: 'Drift between two datasets',
        description:
          'Column by column, with Evidently’s default methods and thresholds unless `columns` overrides them: reference ≤ 1,000 non-null rows → K-S (numeric, > 5 values), chi-square (categorical, > 2 values) or two-proportion Z (binary); larger references → Wasserstein distance normed by the reference standard deviation or Jensen–Shannon distance (natural log). ' +
          `Dataset drift when the share of drifted columns reaches \`drift_share\` (default 0.5). Up to ${DRIFT_MAX_ROWS.toLocaleString('en-US')} values per column per side. The engine the monitoring pages use.` +
          accessNote(DRIFT),
        security: security(DRIFT),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: schema(driftCompareSchema), example: DRIFT_EXAMPLE } } },
        responses: {
          '200': ok('Per-column results and the dataset verdict', {
            schema: { type: 'object', properties: { columns: { type: 'object', additionalProperties: columnDrift }, drifted_columns: { type: 'integer' }, share: { type: 'number' }, dataset_drift: { type: 'boolean' }, drift_share: { type: 'number' } } },
          }),
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
    },
    '/api/v1/monitoring/windows': {
      get: {
        tags: [MONITORING_TAG],
        operationId: 'listMonitoringWindows',
        summary: 'Stored monitoring windows',
        description:
          'The computed windows of one model version (default: the champion), oldest first: volume, drift per feature and of the score, the share of drifted features, realized performance once labels arrived and the label-free (CBPE) estimate. Windows are computed in the background as predictions and labels arrive; this only reads them.' +
          accessNote(READ),
        security: security(READ),
        parameters: [...Object.entries(query.properties).map(([name, s]) => ({ name, in: 'query', required: query.required?.includes(name) ?? false, schema: s })), REQUEST_ID_PARAM],
        responses: {
          '200': ok('The windows and the version’s reference', { schema: { type: 'object', properties: { model: { type: 'string' }, version: { type: 'integer' }, kind: { type: 'string' }, reference: { type: ['object', 'null'] }, windows: { type: 'array', items: { type: 'object' } } } } }),
          ...errors([400, 401, 403, 404, 422, 429, 503]),
        },
      },
    },
  };
}
