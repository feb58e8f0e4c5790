// The fairness operations of the OpenAPI document, with request schemas generated from the zod schemas the routes
// validate with. openapi.test.ts checks that every path has a route file.
import { z } from 'zod';
import { accessNote, errors, REQUEST_ID_HEADER_REF, REQUEST_ID_PARAM, security, type Access, type Json } from '@/lib/serving/openapi-common';
import { auditBody, decisionBody, MAX_AUDIT_ROWS, mitigationQuery, policyBody, versionAuditQuery } from './schemas';

export const FAIRNESS_TAG = 'Fairness';

const AUDIT: Access = { role: 'data_scientist', scopes: ['fairness'] };
const READ: Access = { role: 'stakeholder', scopes: ['read', 'fairness'] };
const WRITE: Access = { role: 'data_scientist', scopes: [] };

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
const ok = (description: string, body: Json = { schema: { type: 'object' } }) => ({ description, headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF }, content: { 'application/json': body } });
const queryParams = (s: z.ZodType) => {
  const q = schema(s) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(q.properties).map(([name, sc]) => ({ name, in: 'query', required: q.required?.includes(name) ?? false, schema: sc }));
};
const NAME = { name: 'name', in: 'path', required: true, schema: { type: 'string' }, example: 'streamflow-churn' };
const VERSION = { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 1 };

export const AUDIT_EXAMPLE = {
  y_true: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0],
  y_pred: [0, 1, 1, 1, 1, 0, 0, 0, 1, 1],
  sensitive: { sex: ['F', 'F', 'M', 'F', 'M', 'M', 'M', 'F', 'M', 'M'] },
  bootstrap: { n: 200, seed: 7 },
};

const group = {
  type: 'object',
  description: 'A rate whose denominator is 0 is null.',
  properties: Object.fromEntries(
    ['count', 'base_rate', 'selection_rate', 'tpr', 'fpr', 'fnr', 'tnr', 'precision', 'for', 'fdr', 'accuracy', 'auc', 'mean_score', 'calibration_ratio'].map((k) => [k, { type: k === 'count' ? 'integer' : ['number', 'null'] }]),
  ),
};

export function fairnessPaths(): Record<string, Json> {
  const base = '/api/v1/fairness/models/{name}';
  const v = `${base}/versions/{version}`;
  return {
    '/api/v1/fairness/audit': {
      post: {
        tags: [FAIRNESS_TAG],
        operationId: 'fairnessAudit',
        summary: 'Per-group metrics, disparities and bootstrap intervals',
        description:
          `Up to ${MAX_AUDIT_ROWS.toLocaleString('en-US')} rows. Send \`y_true\` and \`y_score\` (decided at \`threshold\`, default 0.5) or \`y_pred\`, and one or more sensitive attributes. ` +
          'Metrics per group and per intersection (`intersections: [["a","b"]]` → key `a&b`, groups `x&y`); disparities in Fairlearn’s conventions (`between_groups`: max − min and min ÷ max; `to_overall`) and Aequitas’s (`vs_reference`: each group ÷ the reference group, default the largest). ' +
          'With `bootstrap`, percentile intervals for every metric and disparity, resampling within every cell of the attributes’ intersection so small groups never vanish. Groups below `min_group_size` (default 30) are flagged `small`, never hidden. The engine the fairness pages use.' +
          accessNote(AUDIT),
        security: security(AUDIT),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: schema(auditBody), example: AUDIT_EXAMPLE } } },
        responses: {
          '200': ok('The audit', { schema: { type: 'object', properties: { overall: group, by_group: { type: 'object', additionalProperties: { type: 'object', additionalProperties: group } }, disparities: { type: 'object' }, ci: { type: 'object' } } } }),
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
    },
    [`${v}/audit`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'auditModelVersion',
        summary: 'A model version’s fairness audit',
        description: 'On the version’s test month (scored by the version), or `month=YYYY-MM` of its logged predictions with labels; by age band, gender, region and every intersection.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, VERSION, ...queryParams(versionAuditQuery), REQUEST_ID_PARAM],
        responses: { '200': ok('The audit, with the data source and the threshold policy used'), ...errors([400, 401, 403, 404, 409, 422, 429, 503]) },
      },
    },
    [`${base}/decisions`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'listFairnessDecisions',
        summary: 'Fairness decision records',
        description: 'Every revision, newest first; the newest is what the promotion gate enforces.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, REQUEST_ID_PARAM],
        responses: { '200': ok('The records'), ...errors([401, 403, 429, 503]) },
      },
      post: {
        tags: [FAIRNESS_TAG],
        operationId: 'recordFairnessDecision',
        summary: 'Record a fairness decision',
        description: 'Criterion, convention, tolerance (default the 0.8–1.25 ratio band — a convention, not a verdict), attributes, rationale and rejected criteria; the version’s audit with bootstrap intervals is stored as evidence.' + accessNote(WRITE),
        security: security(WRITE),
        parameters: [NAME, REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: schema(decisionBody) } } },
        responses: { '200': ok('The new record and whether the criterion holds on the version'), ...errors([400, 401, 403, 404, 409, 422, 429, 503]) },
      },
    },
    [`${v}/gate`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'checkFairnessGate',
        summary: 'What the promotion gate says about a version',
        description: 'The newest decision record’s criterion checked on the version’s audit data at its threshold policy. Promotions to @champion that fail get 409 unless an administrator sends `fairness_override`.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, VERSION, REQUEST_ID_PARAM],
        responses: { '200': ok('status: pass | fail | no_data | no_decision, with a message per attribute'), ...errors([401, 403, 404, 429, 503]) },
      },
    },
    [`${v}/mitigation`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'fairnessMitigationOptions',
        summary: 'Per-group thresholds that meet the criterion',
        description: 'Deterministic per-group thresholds maximising expected retention profit (or accuracy) subject to the criterion within the tolerance, and the trade-off ladder.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, VERSION, ...queryParams(mitigationQuery), REQUEST_ID_PARAM],
        responses: { '200': ok('The optimum and the trade-off points'), ...errors([400, 401, 403, 404, 409, 422, 429, 503]) },
      },
    },
    [`${v}/policy`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'listThresholdPolicies',
        summary: 'A version’s threshold policies',
        description: 'The active policy (used by the predict routes for records that carry the attribute) and earlier ones.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, VERSION, REQUEST_ID_PARAM],
        responses: { '200': ok('Active and past policies'), ...errors([401, 403, 404, 429, 503]) },
      },
      post: {
        tags: [FAIRNESS_TAG],
        operationId: 'applyThresholdPolicy',
        summary: 'Apply per-group thresholds',
        description: 'Solves on the server and makes the result the version’s active threshold policy (audited). 409 when no thresholds meet the criterion.' + accessNote(WRITE),
        security: security(WRITE),
        parameters: [NAME, VERSION, REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: schema(policyBody) } } },
        responses: { '200': ok('The policy'), ...errors([400, 401, 403, 404, 409, 422, 429, 503]) },
      },
      delete: {
        tags: [FAIRNESS_TAG],
        operationId: 'withdrawThresholdPolicy',
        summary: 'Withdraw the active threshold policy',
        description: 'Every request is decided at the version’s own threshold again (audited).' + accessNote(WRITE),
        security: security(WRITE),
        parameters: [NAME, VERSION, REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 10 } } } } } },
        responses: { '200': ok('The withdrawn policy'), ...errors([400, 401, 403, 404, 422, 429, 503]) },
      },
    },
    [`${v}/model-card`]: {
      get: {
        tags: [FAIRNESS_TAG],
        operationId: 'modelCard',
        summary: 'Model card',
        description: 'Mitchell et al.’s sections filled from the version, its audit and the decision record; `format=markdown` returns a Markdown file.' + accessNote(READ),
        security: security(READ),
        parameters: [NAME, VERSION, { name: 'format', in: 'query', required: false, schema: { enum: ['json', 'markdown'], default: 'json' } }, REQUEST_ID_PARAM],
        responses: { '200': { description: 'The card', content: { 'application/json': { schema: { type: 'object' } }, 'text/markdown': { schema: { type: 'string' } } } }, ...errors([401, 403, 404, 429, 503]) },
      },
    },
  };
}
