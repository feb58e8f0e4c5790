// Mitigation by per-group thresholds on a version's audit data: the options (the trade-off between the criterion's
// disparity and profit or accuracy) and applying one as the version's threshold policy, which scoring then uses for
// requests that carry the attribute. Profit uses the retention-offer economics (lib/serving/action.ts) until the ROI
// settings exist.
import type { Db } from '@/db/client';
import { activatePolicy, deactivatePolicy, latestDecision, SENSITIVE_ATTRIBUTES } from '@/db/queries/fairness';
import { ApiError } from '@/lib/api/errors';
import { DEFAULT_ECONOMICS } from '@/lib/serving/action';
import { loadAuditData, type AuditData } from './audit-data';
import { FairnessOptionError } from './option-error';
import { forgetServingPolicy } from '@/lib/serving/live-policy';
import { optimizeThresholds, type ThresholdOptions, type ThresholdResult } from './thresholds';
import { tradeoff } from './tradeoff';
import type { Convention, Criterion, ReferenceChoice, Tolerance } from './types';

export interface MitigationRequest {
  attribute: string;
  criterion: Criterion;
  objective: 'profit' | 'accuracy';
  tolerance: Tolerance;
  minGroupSize: number;
  month?: string;
}

/** Group index per row for an attribute or an intersection key ("age_band&region" → "65+&south"). */
export function groupColumn(data: Pick<AuditData, 'sensitive' | 'rows'>, attribute: string): { groups: Uint16Array; groupNames: string[] } {
  const keys = attribute.split('&');
  for (const k of keys) if (!(SENSITIVE_ATTRIBUTES as readonly string[]).includes(k)) throw new ApiError('validation_failed', `unknown attribute '${k}'`, [{ path: 'attribute', message: `one of ${SENSITIVE_ATTRIBUTES.join(', ')}, or an intersection joined by &` }]);
  const cols = keys.map((k) => (data.sensitive as Record<string, string[]>)[k]!);
  const index = new Map<string, number>();
  const groups = new Uint16Array(data.rows);
  for (let i = 0; i < data.rows; i++) {
    const key = cols.map((c) => c[i]).join('&');
    let g = index.get(key);
    if (g === undefined) index.set(key, (g = index.size));
    groups[i] = g;
  }
  return { groups, groupNames: [...index.keys()] };
}

async function setup(db: Db, name: string, version: number, r: MitigationRequest) {
  const [data, decision] = await Promise.all([loadAuditData(db, name, version, r.month ? { kind: 'month', month: r.month } : undefined), latestDecision({ db, modelName: name })]);
  const { groups, groupNames } = groupColumn(data, r.attribute);
  // The convention and reference follow the model's decision record when it is about this criterion.
  const same = decision && decision.criterion === r.criterion;
  const options: ThresholdOptions = {
    criterion: r.criterion,
    convention: (same ? decision.convention : 'between_groups') as Convention,
    reference: same && decision.reference ? (decision.reference as unknown as ReferenceChoice) : undefined,
    tolerance: r.tolerance,
    objective: r.objective,
    economics: DEFAULT_ECONOMICS,
    globalThreshold: data.threshold,
    minGroupSize: r.minGroupSize,
  };
  const rows = { scores: data.yScore, labels: data.yTrue, groups, groupNames, monthlyCharges: data.monthlyCharge };
  return { data, rows, options };
}

/** The caller's mistakes (e.g. the profit objective on data without monthly charges) as a 422 naming the field. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FairnessOptionError) throw new ApiError('validation_failed', e.message, [{ path: e.field === 'monthly_charges' ? 'query.objective' : e.field, message: e.message }]);
    throw e;
  }
}

function resultJson(res: ThresholdResult) {
  return {
    status: res.status,
    feasible: res.feasible,
    reason: res.reason,
    global_threshold: res.globalThreshold,
    thresholds: res.thresholds,
    before: res.before,
    after: res.after,
    disparity_before: res.disparityBefore,
    disparity_after: res.disparityAfter,
    check_before: res.checkBefore.summary,
    check_after: res.checkAfter.summary,
    groups: res.perGroup.map((g) => ({
      group: g.group,
      count: g.count,
      small: g.small,
      kept: g.kept,
      threshold: g.threshold,
      before: { threshold: g.before.threshold, ...g.before.rates },
      after: { threshold: g.after.threshold, ...g.after.rates },
    })),
  };
}

/** The optimum under the requested tolerance, and the trade-off ladder (current, best single threshold, tolerances). */
export async function mitigationOptions(db: Db, name: string, version: number, r: MitigationRequest) {
  const { data, rows, options } = await setup(db, name, version, r);
  const res = guard(() => optimizeThresholds(rows, options));
  return {
    model: { name, version },
    source: data.source.label,
    attribute: r.attribute,
    criterion: r.criterion,
    convention: options.convention,
    objective: r.objective,
    tolerance: r.tolerance,
    economics: DEFAULT_ECONOMICS,
    randomized: false,
    result: resultJson(res),
    tradeoff: guard(() => tradeoff(rows, options)),
  };
}

/** Solves again on the server (never trusting thresholds sent by a browser) and makes the result the active policy. */
export async function applyMitigation(a: { db: Db; name: string; version: number; r: MitigationRequest; reason: string; by: string }) {
  const { data, rows, options } = await setup(a.db, a.name, a.version, a.r);
  const res = guard(() => optimizeThresholds(rows, options));
  if (!res.feasible) throw new ApiError('conflict', `No per-group thresholds meet ${a.r.criterion.replaceAll('_', ' ')} within the tolerance on ${a.r.attribute}: ${res.reason ?? 'infeasible'}`);
  const row = await activatePolicy({
    db: a.db,
    policy: {
      modelName: a.name,
      modelVersion: a.version,
      attribute: a.r.attribute,
      thresholds: res.thresholds,
      defaultThreshold: data.threshold,
      criterion: a.r.criterion,
      objective: a.r.objective,
      tolerance: a.r.tolerance as unknown as Record<string, unknown>,
      evidence: { ...resultJson(res), source: data.source, applied_because: a.reason },
      createdBy: a.by,
    },
  });
  forgetServingPolicy(a.name, a.version);
  return row;
}

export async function withdrawMitigation(db: Db, name: string, version: number) {
  const row = await deactivatePolicy({ db, modelName: name, modelVersion: version });
  forgetServingPolicy(name, version);
  return row;
}

export function policyJson(p: { id: number; modelName: string; modelVersion: number; attribute: string; thresholds: Record<string, number>; defaultThreshold: number; criterion: string; objective: string; tolerance: unknown; evidence: unknown; active: boolean; createdBy: string; createdAt: Date; deactivatedAt: Date | null }) {
  return {
    id: p.id,
    model_name: p.modelName,
    model_version: p.modelVersion,
    attribute: p.attribute,
    thresholds: p.thresholds,
    default_threshold: p.defaultThreshold,
    criterion: p.criterion,
    objective: p.objective,
    tolerance: p.tolerance,
    evidence: p.evidence,
    active: p.active,
    created_by: p.createdBy,
    created_at: p.createdAt.toISOString(),
    deactivated_at: p.deactivatedAt?.toISOString() ?? null,
  };
}
