// The ROI policy and saved scenarios as the API and the page use them. A policy is a campaign a person chose on the
// ROI page — a score threshold, or the top k customers (stored with the score threshold that meant on the day's
// scores) — with the inputs it was chosen under and the evaluation as evidence. Saving one makes it the decision the
// predict API, the scoring form and batch jobs return; every revision is kept and audited.
import type { Db } from '@/db/client';
import { activateRoiPolicy, activeRoiPolicy, deactivateRoiPolicy, listRoiPolicies, listScenarios, saveScenario, type RoiPolicyRow, type ScenarioRow } from '@/db/queries/roi';
import { ApiError } from '@/lib/api/errors';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { forgetServingPolicy } from '@/lib/serving/live-policy';
import { RoiInputError } from './errors';
import { evaluateRoi, type RoiResult } from './evaluate';
import { DEFAULT_ROI_INPUTS, type RoiInputs } from './inputs';
import { liveScores } from './live-data';
import { prepareScores } from './prepare';
import type { RoiPolicyBody, ScenarioBody } from './policy-schemas';

export function policyJson(p: RoiPolicyRow) {
  return {
    revision: p.revision,
    model_name: p.modelName,
    kind: p.kind,
    threshold: p.threshold,
    top_k: p.topK,
    inputs: p.inputs,
    evidence: p.evidence,
    reason: p.reason,
    active: p.active,
    created_by: p.createdBy,
    created_at: p.createdAt.toISOString(),
    deactivated_at: p.deactivatedAt?.toISOString() ?? null,
  };
}

export function scenarioJson(s: ScenarioRow) {
  return { id: s.id, name: s.name, inputs: s.inputs, result: s.result, created_by: s.createdBy, created_at: s.createdAt.toISOString(), updated_at: s.updatedAt.toISOString() };
}

function inputsOf(body: { inputs?: Partial<RoiInputs> }): RoiInputs {
  return { ...DEFAULT_ROI_INPUTS, ...body.inputs } as RoiInputs;
}

/** The engine on today's live scores, with a 422 naming the field for inputs it refuses. */
async function evaluateLive(db: Db, inputs: RoiInputs): Promise<{ result: RoiResult; scores: Float64Array; asOf: string; customers: number }> {
  const live = await liveScores(db);
  if (!live) throw new ApiError('conflict', 'There are no scored customers yet: the ROI needs the champion’s scores of the active customers.');
  try {
    const prepared = prepareScores(live.scores, { clv: live.charges });
    return { result: evaluateRoi(prepared, inputs, { curvePoints: 50 }), scores: prepared.score, asOf: live.asOf, customers: live.customers };
  } catch (e) {
    if (e instanceof RoiInputError) throw new ApiError('validation_failed', e.message, [{ path: `body.inputs.${e.field}`, message: e.message }]);
    throw e;
  }
}

export async function saveRoiPolicy(a: { db: Db; body: RoiPolicyBody; by: string }) {
  const inputs = inputsOf(a.body);
  const { result, scores, asOf, customers } = await evaluateLive(a.db, inputs);
  let threshold: number;
  let topK: number | null = null;
  if (a.body.kind === 'top_k') {
    const k = a.body.top_k ?? result.optimum.contacted;
    if (k < 1 || k > scores.length) throw new ApiError('validation_failed', `top_k must be between 1 and the ${scores.length} scored customers`, [{ path: 'body.top_k', message: `between 1 and ${scores.length}` }]);
    topK = k;
    threshold = scores[k - 1]!; // scores are sorted descending
  } else {
    threshold = a.body.threshold ?? result.optimum.threshold ?? 1;
  }
  const row = await activateRoiPolicy({
    db: a.db,
    policy: {
      modelName: CHURN_MODEL,
      kind: a.body.kind,
      threshold,
      topK,
      inputs: inputs as unknown as Record<string, unknown>,
      evidence: { as_of: asOf, customers, optimum: result.optimum, band: result.band, baselines: result.baselines, break_even_acceptance_rate: result.break_even_acceptance_rate },
      reason: a.body.reason,
      createdBy: a.by,
    },
  });
  forgetServingPolicy(CHURN_MODEL);
  return row;
}

export async function withdrawRoiPolicy(db: Db) {
  const row = await deactivateRoiPolicy({ db, modelName: CHURN_MODEL });
  forgetServingPolicy(CHURN_MODEL);
  return row;
}

export async function roiPolicies(db: Db) {
  const [active, all] = await Promise.all([activeRoiPolicy({ db, modelName: CHURN_MODEL }), listRoiPolicies({ db, modelName: CHURN_MODEL })]);
  return { active: active ? policyJson(active) : null, policies: all.map(policyJson) };
}

export async function saveRoiScenario(a: { db: Db; body: ScenarioBody; by: string }) {
  const inputs = inputsOf(a.body);
  const { result, asOf, customers } = await evaluateLive(a.db, inputs);
  const summary = { as_of: asOf, customers, optimum: result.optimum, band: result.band, baselines: result.baselines, break_even_acceptance_rate: result.break_even_acceptance_rate };
  return saveScenario({ db: a.db, name: a.body.name, inputs: inputs as unknown as Record<string, unknown>, result: summary, by: a.by });
}

export async function scenarios(db: Db) {
  return (await listScenarios({ db })).map(scenarioJson);
}
