// What the fairness routes call: the audit of posted arrays (the engine the pages use), a version's audit, and
// decision records. Routes stay thin; persistence is in db/queries/fairness.ts.
import type { Db } from '@/db/client';
import { getModelVersions } from '@/db/queries/registry';
import { insertDecision, listDecisions, type DecisionRow } from '@/db/queries/fairness';
import { ApiError } from '@/lib/api/errors';
import { audit, FairnessInputError } from './audit';
import { evaluateOn } from './gate';
import type { AuditBody, DecisionBody } from './schemas';
import { auditVersion } from './version-audit';
import { CRITERIA, type Criterion } from './types';

export const FAIRNESS_ACCESS = { role: 'data_scientist', scopes: ['fairness'] } as const;
export const FAIRNESS_READ_ACCESS = { role: 'stakeholder', scopes: ['read', 'fairness'] } as const;
export const AUDIT_MAX_BYTES = 64 * 1024 * 1024;

/** POST /api/v1/fairness/audit: the engine on the caller's arrays; bad input is a 422 naming the field. */
export function runAuditRequest(body: AuditBody) {
  try {
    return audit({
      yTrue: body.y_true,
      yScore: body.y_score,
      yPred: body.y_pred,
      threshold: body.threshold,
      sensitive: body.sensitive,
      intersections: body.intersections,
      reference: body.reference,
      bootstrap: body.bootstrap ? { n: body.bootstrap.n, seed: body.bootstrap.seed, level: body.bootstrap.level } : undefined,
      minGroupSize: body.min_group_size,
    });
  } catch (e) {
    if (e instanceof FairnessInputError) throw new ApiError('validation_failed', e.message, [{ path: `body.${e.field}`, message: e.message }]);
    throw e;
  }
}

export async function requireVersion(db: Db, name: string, version: number): Promise<void> {
  const [v] = await getModelVersions({ db, keys: [{ name, version }] });
  if (!v) throw new ApiError('not_found', `Model version ${name} v${version} not found`);
}

export function decisionJson(r: DecisionRow) {
  return {
    model_name: r.modelName,
    revision: r.revision,
    model_version: r.modelVersion,
    criterion: r.criterion,
    convention: r.convention,
    reference: r.reference,
    tolerance: r.tolerance,
    attributes: r.attributes,
    min_group_size: r.minGroupSize,
    intervention: r.intervention,
    rationale: r.rationale,
    rejected: r.rejected,
    evidence: r.evidence,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
  };
}

/**
 * Records a decision: audits the version (with bootstrap CIs) and stores the criterion's evaluation on every chosen
 * attribute as the evidence snapshot. A criterion that does not hold today can still be chosen — the record says so,
 * and the gate will block promotions until it holds (or mitigation makes it hold).
 */
export async function recordDecision(a: { db: Db; name: string; body: DecisionBody; by: string }) {
  const { db, name, body } = a;
  await requireVersion(db, name, body.model_version);
  const rejectedNames = new Set(body.rejected.map((r) => r.criterion));
  if (rejectedNames.has(body.criterion)) throw new ApiError('validation_failed', `'${body.criterion}' is both chosen and rejected`, [{ path: 'body.rejected', message: 'must not list the chosen criterion' }]);
  if (body.convention === 'vs_reference' && !body.reference) throw new ApiError('validation_failed', 'the vs_reference convention needs a reference group', [{ path: 'body.reference', message: 'required with convention vs_reference' }]);
  const result = await auditVersion(db, name, body.model_version, { month: body.month, bootstrap: 200, seed: 7, minGroupSize: body.min_group_size, applyPolicy: true });
  const d = { criterion: body.criterion, convention: body.convention, reference: body.reference ?? null, tolerance: body.tolerance, minGroupSize: body.min_group_size };
  const evaluations = Object.fromEntries(body.attributes.map((attr) => [attr, evaluateOn(result, attr, d)]));
  const pick = (attr: string) => ({ by_group: result.by_group[attr], disparities: result.disparities[attr], ci: result.ci ? { by_group: result.ci.by_group[attr], disparities: result.ci.disparities[attr] } : null });
  const row = await insertDecision({
    db,
    decision: {
      modelName: name,
      modelVersion: body.model_version,
      criterion: body.criterion,
      convention: body.convention,
      reference: body.reference ?? null,
      tolerance: body.tolerance,
      attributes: body.attributes,
      minGroupSize: body.min_group_size,
      intervention: body.intervention,
      rationale: body.rationale,
      rejected: body.rejected,
      evidence: {
        source: result.data.source,
        rows: result.data.rows,
        threshold: result.data.threshold,
        policy: result.policy,
        overall: result.overall,
        evaluations,
        groups: Object.fromEntries(body.attributes.map((attr) => [attr, pick(attr)])),
        bootstrap: result.ci ? { n: result.ci.n, seed: result.ci.seed, level: result.ci.level } : null,
        not_chosen: CRITERIA.filter((c: Criterion) => c !== body.criterion && !rejectedNames.has(c)),
      },
      createdBy: a.by,
    },
  });
  return { decision: decisionJson(row), holds: Object.values(evaluations).every((e) => e.pass) };
}

export async function decisionsOf(db: Db, name: string) {
  return (await listDecisions({ db, modelName: name })).map(decisionJson);
}
