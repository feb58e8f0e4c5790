// The table of every mutating API route for app/api/routes.test.ts: the least role that may call it, the API-key scopes
// that may, and a request that succeeds (status `ok`) for those allowed. Kept apart from the test's logic so the list
// can grow without the test file growing; routes.test.ts checks that no route is missing here. Imported after the
// test's vi.mock of the session, so the routes see the mocked session.
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@/lib/auth/roles';

export type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
export interface RouteRequest {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  url?: string;
}
export interface MutatingRoute {
  name: string;
  handler: () => Handler;
  req: () => RouteRequest;
  ok: number;
  minRole: Role;
  keyScopes: readonly string[];
}

const users = await import('./v1/users/route');
const userById = await import('./v1/users/[id]/route');
const keys = await import('./v1/api-keys/route');
const keyById = await import('./v1/api-keys/[id]/route');
const mlflow = await import('./2.0/mlflow/[...path]/route');
const artifacts = await import('./2.0/mlflow-artifacts/artifacts/[[...path]]/route');
const aliases = await import('./v1/registry/aliases/route');
const modelImport = await import('./v1/registry/models/import/route');
const formScore = await import('./v1/score/route');
const predictRoute = await import('./v1/predict/route');
const batchJobs = await import('./v1/batch-jobs/route');
const batchRetry = await import('./v1/batch-jobs/[id]/retry/route');
const batchCancel = await import('./v1/batch-jobs/[id]/cancel/route');
const alertRules = await import('./v1/monitoring/alert-rules/route');
const alertRuleById = await import('./v1/monitoring/alert-rules/[id]/route');
const alertAck = await import('./v1/monitoring/alerts/[id]/acknowledge/route');
const alertResolve = await import('./v1/monitoring/alerts/[id]/resolve/route');
const webhooksRoute = await import('./v1/monitoring/webhooks/route');
const webhookById = await import('./v1/monitoring/webhooks/[id]/route');
const webhookTest = await import('./v1/monitoring/webhooks/[id]/test/route');
const fairnessAudit = await import('./v1/fairness/audit/route');
const roiPolicy = await import('./v1/roi/policy/route');
const roiScenarios = await import('./v1/roi/scenarios/route');
const roiScenarioById = await import('./v1/roi/scenarios/[id]/route');
const fairnessDecisions = await import('./v1/fairness/models/[name]/decisions/route');
const fairnessPolicy = await import('./v1/fairness/models/[name]/versions/[version]/policy/route');
const roiEvaluate = await import('./v1/roi/evaluate/route');
const redeliverRoute = await import('./v1/monitoring/deliveries/[id]/redeliver/route');
const retraining = await import('./v1/monitoring/retraining/route');
const v2Infer = await import('../v2/models/[name]/infer/route');
const labelsRoute = await import('./v1/labels/route');
const driftCompare = await import('./v1/drift/compare/route');
const v2VersionInfer = await import('../v2/models/[name]/versions/[version]/infer/route');
const decks = await import('./v1/decks/route');
const deckById = await import('./v1/decks/[id]/route');
const deckUndo = await import('./v1/decks/[id]/undo/route');
const deckDuplicate = await import('./v1/decks/[id]/duplicate/route');
const deckShare = await import('./v1/decks/[id]/share/route');
const deckExecutive = await import('./v1/decks/executive-summary/route');
const scoringRecord = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'models', 'manifest.json'), 'utf8')) as { reference_rows: Record<string, unknown>[] }).reference_rows[0]!;
const v2Body = () => ({ parameters: { content_type: 'pd' }, inputs: Object.entries(scoringRecord).map(([name, v]) => ({ name, shape: [1], datatype: typeof v === 'string' ? 'BYTES' : typeof v === 'boolean' ? 'BOOL' : 'FP64', data: [v] })) });

/** `target()`: the id of a user the user routes act on (created by the test's setup). */
export function mutatingRoutes(target: () => string): MutatingRoute[] {
  return [
  { name: 'POST /api/v1/users', handler: () => users.POST as Handler, req: () => ({ method: 'POST', body: { email: `new-${Math.random()}@t.test`, name: 'New', role: 'stakeholder', password: 'long-enough-pw' } }), ok: 201, minRole: 'admin', keyScopes: [] },
  { name: 'PATCH /api/v1/users/[id]', handler: () => userById.PATCH as Handler, req: () => ({ method: 'PATCH', params: { id: target() }, body: { name: 'Renamed' } }), ok: 200, minRole: 'admin', keyScopes: [] },
  { name: 'POST /api/v1/api-keys', handler: () => keys.POST as Handler, req: () => ({ method: 'POST', body: { name: 'k', scopes: ['predict'] } }), ok: 201, minRole: 'admin', keyScopes: [] },
  { name: 'DELETE /api/v1/api-keys/[id]', handler: () => keyById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'admin', keyScopes: [] },
  { name: 'POST /api/2.0/mlflow/[...path]', handler: () => mlflow.POST as Handler, req: () => ({ method: 'POST', url: 'http://test.local/api/2.0/mlflow/experiments/create', body: { name: `exp-${Math.random()}` } }), ok: 200, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'PATCH /api/2.0/mlflow/[...path]', handler: () => mlflow.PATCH as Handler, req: () => ({ method: 'PATCH', url: 'http://test.local/api/2.0/mlflow/registered-models/update', body: { name: 'no-such-model', description: 'x' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'DELETE /api/2.0/mlflow/[...path]', handler: () => mlflow.DELETE as Handler, req: () => ({ method: 'DELETE', url: 'http://test.local/api/2.0/mlflow/registered-models/delete', body: { name: 'no-such-model' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'PUT /api/2.0/mlflow-artifacts/artifacts/[[...path]]', handler: () => artifacts.PUT as Handler, req: () => ({ method: 'PUT', url: 'http://test.local/api/2.0/mlflow-artifacts/artifacts/0/test/artifacts/a.txt', rawBody: 'hello', headers: { 'content-type': 'application/octet-stream' } }), ok: 200, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'DELETE /api/2.0/mlflow-artifacts/artifacts/[[...path]]', handler: () => artifacts.DELETE as Handler, req: () => ({ method: 'DELETE', url: 'http://test.local/api/2.0/mlflow-artifacts/artifacts/0/none/artifacts/missing.txt' }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'POST /api/v1/registry/aliases', handler: () => aliases.POST as Handler, req: () => ({ method: 'POST', body: { name: 'no-such-model', alias: 'champion', version: 1, reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
  // Past authorisation a JSON body is refused (415): the upload is multipart (see import/route.test.ts).
  { name: 'POST /api/v1/registry/models/import', handler: () => modelImport.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 415, minRole: 'data_scientist', keyScopes: ['tracking'] },
  { name: 'POST /api/v1/predict', handler: () => predictRoute.POST as Handler, req: () => ({ method: 'POST', url: 'http://test.local/api/v1/predict', body: { customers: [scoringRecord] } }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'POST /v2/models/[name]/infer', handler: () => v2Infer.POST as Handler, req: () => ({ method: 'POST', params: { name: 'streamflow-churn' }, body: v2Body() }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'POST /v2/models/[name]/versions/[version]/infer', handler: () => v2VersionInfer.POST as Handler, req: () => ({ method: 'POST', params: { name: 'streamflow-churn', version: '1' }, body: v2Body() }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'DELETE /api/v1/registry/aliases', handler: () => aliases.DELETE as Handler, req: () => ({ method: 'DELETE', body: { name: 'no-such-model', alias: 'champion', reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
  // Past authorisation an empty body fails validation (422); scoring itself is tested in v1/score/route.test.ts.
  { name: 'POST /api/v1/score', handler: () => formScore.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 422, minRole: 'retention', keyScopes: [] },
  // Past authorisation a JSON body is refused (415): uploads are CSV (see v1/batch-jobs/route.test.ts).
  { name: 'POST /api/v1/batch-jobs', handler: () => batchJobs.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 415, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'POST /api/v1/batch-jobs/[id]/retry', handler: () => batchRetry.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'POST /api/v1/batch-jobs/[id]/cancel', handler: () => batchCancel.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'retention', keyScopes: ['predict'] },
  { name: 'POST /api/v1/monitoring/alert-rules', handler: () => alertRules.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Drift share', metric: 'dataset_drift_share', comparison: 'gte', threshold: 0.5, severity: 'warning' } }), ok: 201, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'PATCH /api/v1/monitoring/alert-rules/[id]', handler: () => alertRuleById.PATCH as Handler, req: () => ({ method: 'PATCH', params: { id: '00000000-0000-4000-8000-000000000000' }, body: { threshold: 0.3 } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'DELETE /api/v1/monitoring/alert-rules/[id]', handler: () => alertRuleById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/monitoring/alerts/[id]/acknowledge', handler: () => alertAck.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/monitoring/alerts/[id]/resolve', handler: () => alertResolve.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/monitoring/webhooks', handler: () => webhooksRoute.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Ops', url: 'https://hooks.example.test/streamflow' } }), ok: 201, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'DELETE /api/v1/monitoring/webhooks/[id]', handler: () => webhookById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/monitoring/webhooks/[id]/test', handler: () => webhookTest.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/monitoring/deliveries/[id]/redeliver', handler: () => redeliverRoute.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  { name: 'POST /api/v1/labels', handler: () => labelsRoute.POST as Handler, req: () => ({ method: 'POST', body: { labels: [{ customer_id: 'C-not-scored', churned: true }] } }), ok: 422, minRole: 'data_scientist', keyScopes: ['labels'] },
  { name: 'POST /api/v1/drift/compare', handler: () => driftCompare.POST as Handler, req: () => ({ method: 'POST', body: { reference: { x: [1, 2, 3, 4, 5, 6] }, current: { x: [1, 2, 3, 4, 5, 6] } } }), ok: 200, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  // Past authorisation a body without a reason fails validation (422); starting runs is tested in v1/monitoring/retraining/route.test.ts.
  { name: 'POST /api/v1/monitoring/retraining', handler: () => retraining.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 422, minRole: 'data_scientist', keyScopes: ['monitoring'] },
  // ROI policies are a data scientist's decision and scenarios anyone's; neither is open to API keys. The withdrawal
  // runs first, while there is nothing to withdraw (404).
  { name: 'DELETE /api/v1/roi/policy', handler: () => roiPolicy.DELETE as Handler, req: () => ({ method: 'DELETE', body: { reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
  { name: 'POST /api/v1/roi/policy', handler: () => roiPolicy.POST as Handler, req: () => ({ method: 'POST', body: { kind: 'threshold', threshold: 0.2, reason: 'testing access' } }), ok: 200, minRole: 'data_scientist', keyScopes: [] },
  { name: 'POST /api/v1/roi/scenarios', handler: () => roiScenarios.POST as Handler, req: () => ({ method: 'POST', body: { name: 'access test' } }), ok: 200, minRole: 'stakeholder', keyScopes: [] },
  { name: 'DELETE /api/v1/roi/scenarios/[id]', handler: () => roiScenarioById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '999999' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'POST /api/v1/fairness/audit', handler: () => fairnessAudit.POST as Handler, req: () => ({ method: 'POST', body: { y_true: [1, 0, 1, 0], y_pred: [1, 0, 0, 1], sensitive: { g: ['a', 'a', 'b', 'b'] } } }), ok: 200, minRole: 'data_scientist', keyScopes: ['fairness'] },
  // Decisions and threshold policies are a person's choice: no API key scope. Past authorisation an unknown model is a 404.
  {
    name: 'POST /api/v1/fairness/models/[name]/decisions',
    handler: () => fairnessDecisions.POST as Handler,
    req: () => ({ method: 'POST', params: { name: 'no-such-model' }, body: { model_version: 1, criterion: 'equal_opportunity', attributes: ['age_band'], rationale: 'a rationale that is long enough to pass the forty character minimum' } }),
    ok: 404,
    minRole: 'data_scientist',
    keyScopes: [],
  },
  { name: 'POST /api/v1/fairness/models/[name]/versions/[version]/policy', handler: () => fairnessPolicy.POST as Handler, req: () => ({ method: 'POST', params: { name: 'no-such-model', version: '1' }, body: { attribute: 'age_band', criterion: 'equal_opportunity', objective: 'profit', reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
  { name: 'DELETE /api/v1/fairness/models/[name]/versions/[version]/policy', handler: () => fairnessPolicy.DELETE as Handler, req: () => ({ method: 'DELETE', params: { name: 'no-such-model', version: '1' }, body: { reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
  // No side effects: a stakeholder may run scenarios, and so may a key with the roi scope.
  { name: 'POST /api/v1/roi/evaluate', handler: () => roiEvaluate.POST as Handler, req: () => ({ method: 'POST', body: { scores: [0.5, 0.2, 0.1], clv: 200, offer_cost: 10, contact_cost: 1, acceptance_rate: 0.3 } }), ok: 200, minRole: 'stakeholder', keyScopes: ['roi'] },
  // Decks: every signed-in user may create one; changes are the creator's or an admin's (past authorisation an
  // unknown deck is a 404). No API key scope: keys only read decks (deck tests in v1/decks/decks.test.ts).
  { name: 'POST /api/v1/decks', handler: () => decks.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Access test' } }), ok: 201, minRole: 'stakeholder', keyScopes: [] },
  { name: 'PUT /api/v1/decks/[id]', handler: () => deckById.PUT as Handler, req: () => ({ method: 'PUT', params: { id: '00000000-0000-4000-8000-000000000000' }, body: { name: 'x', slides: [], version: 1 } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'DELETE /api/v1/decks/[id]', handler: () => deckById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'POST /api/v1/decks/[id]/undo', handler: () => deckUndo.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'POST /api/v1/decks/[id]/duplicate', handler: () => deckDuplicate.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'POST /api/v1/decks/[id]/share', handler: () => deckShare.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'DELETE /api/v1/decks/[id]/share', handler: () => deckShare.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
  { name: 'POST /api/v1/decks/executive-summary', handler: () => deckExecutive.POST as Handler, req: () => ({ method: 'POST' }), ok: 201, minRole: 'stakeholder', keyScopes: [] },
  ];
}
