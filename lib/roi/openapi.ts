// The ROI operation of the OpenAPI document, its request schema generated from the zod schema the route validates
// with. openapi.test.ts checks that the path has a route file.
import { z } from 'zod';
import { accessNote, errors, REQUEST_ID_HEADER_REF, REQUEST_ID_PARAM, security, type Access, type Json } from '@/lib/serving/openapi-common';
import { roiPolicyBody, scenarioBody, withdrawBody } from './policy-schemas';
import { MAX_ROI_ROWS, roiEvaluateBody } from './schemas';

export const ROI_TAG = 'ROI';

const ACCESS: Access = { role: 'stakeholder', scopes: ['roi'] };

/** The hand-worked campaign of lib/roi/evaluate.test.ts: the best threshold is 0.2 (two contacts, $24.90). */
export const ROI_EXAMPLE = { scores: [0.5, 0.2, 0.1, 0.05], labels: [1, 0, 1, 0], clv: 200, offer_cost: 10, contact_cost: 1, acceptance_rate: 0.3 };

const READ: Access = { role: 'stakeholder', scopes: ['read', 'roi'] };
const PERSON: Access = { role: 'data_scientist', scopes: [] };
const SIGNED_IN: Access = { role: 'stakeholder', scopes: [] };
const bodySchema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
const okJson = (description: string) => ({ description, headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF }, content: { 'application/json': { schema: { type: 'object' } } } });
const num = { type: 'number' };
const nullableNum = { type: ['number', 'null'] };
const point = {
  type: 'object',
  properties: { threshold: { ...nullableNum, description: 'Contact iff p ≥ threshold; null: nobody' }, contacted: { type: 'integer' }, expected_profit: num, p05: num, p95: num, realized_profit: num },
};

export function roiPaths(): Record<string, Json> {
  return {
    '/api/v1/roi/evaluate': {
      post: {
        tags: [ROI_TAG],
        operationId: 'evaluateRoi',
        summary: 'Retention campaign profit, optimum threshold and uncertainty',
        description:
          `Up to ${MAX_ROI_ROWS.toLocaleString('en-US')} scores. Contacting a customer with churn probability p is worth p·γ·(CLV − d) − (1 − p)·d − f; a campaign contacting the top k is worth the sum, minus the fixed cost once. ` +
          'Returns the profit curve over thresholds (decimated to `curve_points`, always with nobody, the optimum and everybody), the expected-profit-maximising threshold within `capacity` with its spend and ROI, the 5–95% band over γ ~ Beta (exact: profit is linear in γ), the baselines (nobody, everybody, as many at random), the break-even acceptance rate and a tornado of one-at-a-time changes (±25%; γ at its Beta’s 5th/95th percentiles). ' +
          'Customers with equal scores are contacted together. With `labels`: the realized profit of each campaign and Verbraken et al.’s EMP per customer. The engine the ROI page runs in the browser; no side effects.' +
          accessNote(ACCESS),
        security: security(ACCESS),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(roiEvaluateBody, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json, example: ROI_EXAMPLE } } },
        responses: {
          '200': {
            description: 'The evaluation',
            headers: { 'X-Request-Id': REQUEST_ID_HEADER_REF },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['curve', 'optimum', 'band', 'baselines', 'break_even_acceptance_rate', 'capacity_bound', 'sensitivity'],
                  properties: {
                    n: { type: 'integer' },
                    curve: { type: 'array', items: point },
                    optimum: { type: 'object', properties: { ...point.properties, roi: nullableNum, spend: num, expected_offers_taken: num } },
                    band: { type: 'object', properties: { p05: num, p95: num } },
                    baselines: { type: 'object', properties: { contact_none: num, contact_all: point, random: point } },
                    break_even_acceptance_rate: nullableNum,
                    realized_profit: num,
                    capacity_bound: { type: 'boolean' },
                    uncapped: point,
                    acceptance: { type: 'object', properties: { rate: num, beta: { type: 'object', properties: { alpha: num, beta: num } }, q05: num, q95: num } },
                    sensitivity: { type: 'object', properties: { base_profit: num, rows: { type: 'array', items: { type: 'object' } } } },
                    emp: { type: 'object', properties: { emp: num, emp_fraction: num, mp: num, mp_fraction: num, mp_threshold: nullableNum } },
                  },
                },
              },
            },
          },
          ...errors([400, 401, 403, 413, 415, 422, 429, 503]),
        },
      },
    },
    '/api/v1/roi/policy': {
      get: {
        tags: [ROI_TAG],
        operationId: 'getRoiPolicy',
        summary: 'The ROI policy and its revisions',
        description: 'The active policy (the threshold the predict API, the scoring form and batch jobs decide with) and every earlier revision.' + accessNote(READ),
        security: security(READ),
        parameters: [REQUEST_ID_PARAM],
        responses: { '200': okJson('Active and past policies'), ...errors([401, 403, 429, 503]) },
      },
      post: {
        tags: [ROI_TAG],
        operationId: 'saveRoiPolicy',
        summary: 'Save the ROI policy',
        description: 'A score threshold, or the top k customers (stored with the score threshold that meant on the day’s live scores), with the inputs it was chosen under. Becomes the decision at once; audited.' + accessNote(PERSON),
        security: security(PERSON),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(roiPolicyBody), example: { kind: 'top_k', top_k: 1200, inputs: { offerCost: 10, acceptanceRate: 0.3 }, reason: 'Q1 campaign: 1,200 agent calls' } } } },
        responses: { '200': okJson('The saved policy'), ...errors([400, 401, 403, 409, 422, 429, 503]) },
      },
      delete: {
        tags: [ROI_TAG],
        operationId: 'withdrawRoiPolicy',
        summary: 'Withdraw the ROI policy',
        description: 'Scoring decides at each model version’s own threshold again; audited.' + accessNote(PERSON),
        security: security(PERSON),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(withdrawBody) } } },
        responses: { '200': okJson('The withdrawn policy'), ...errors([400, 401, 403, 404, 422, 429, 503]) },
      },
    },
    '/api/v1/roi/scenarios': {
      get: {
        tags: [ROI_TAG],
        operationId: 'listRoiScenarios',
        summary: 'Saved ROI scenarios',
        description: 'Named inputs with their evaluation on the scores of the day they were saved.' + accessNote(READ),
        security: security(READ),
        parameters: [REQUEST_ID_PARAM],
        responses: { '200': okJson('The scenarios'), ...errors([401, 403, 429, 503]) },
      },
      post: {
        tags: [ROI_TAG],
        operationId: 'saveRoiScenario',
        summary: 'Save a scenario',
        description: 'Saving under an existing name replaces its inputs.' + accessNote(SIGNED_IN),
        security: security(SIGNED_IN),
        parameters: [REQUEST_ID_PARAM],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(scenarioBody) } } },
        responses: { '200': okJson('The scenario'), ...errors([400, 401, 403, 409, 422, 429, 503]) },
      },
    },
    '/api/v1/roi/scenarios/{id}': {
      delete: {
        tags: [ROI_TAG],
        operationId: 'deleteRoiScenario',
        summary: 'Delete a scenario',
        description: accessNote(SIGNED_IN).trim(),
        security: security(SIGNED_IN),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }, REQUEST_ID_PARAM],
        responses: { '200': okJson('Deleted'), ...errors([401, 403, 404, 429, 503]) },
      },
    },
  };
}
