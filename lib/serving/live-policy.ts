// The decision policy scoring uses for a model version, composed from what people decided:
//   1. the threshold: the active ROI policy of the model (lib/roi: the campaign optimum a person saved) or, without
//      one, the threshold stored with the version;
//   2. per-group thresholds: the version's active fairness threshold policy (lib/fairness/mitigation.ts), used only for
//      records that carry the group's attributes.
// Read through a short cache (scoring is the hot path); saving or withdrawing a policy in this process clears it at
// once, other processes see it within TTL_MS.
import type { Db } from '@/db/client';
import { activePolicy } from '@/db/queries/fairness';
import { activeRoiPolicy } from '@/db/queries/roi';
import { policyFromModel, type DecisionPolicy } from './policy';

const TTL_MS = 10_000;
const cache = new Map<string, { at: number; policy: Promise<DecisionPolicy> }>();

export async function servingPolicy(db: Db, model: { name: string; version: number; manifest: { threshold: number } }): Promise<DecisionPolicy> {
  const key = `${model.name}@${model.version}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.policy;
  const policy = (async () => {
    const [roi, fair] = await Promise.all([activeRoiPolicy({ db, modelName: model.name }), activePolicy({ db, modelName: model.name, modelVersion: model.version })]);
    const base: DecisionPolicy = roi
      ? {
          threshold: roi.threshold,
          source: `ROI policy v${roi.revision} (${roi.kind === 'top_k' ? `the ${roi.topK?.toLocaleString('en-US')} riskiest customers: p ≥ ${roi.threshold.toFixed(3)}` : `p ≥ ${roi.threshold.toFixed(3)}`})`,
          ...economicsOf(roi.inputs),
        }
      : policyFromModel(model.manifest, model.version);
    if (!fair) return base;
    return { ...base, groups: { id: fair.id, attributes: fair.attribute.split('&'), thresholds: fair.thresholds } };
  })();
  cache.set(key, { at: Date.now(), policy });
  policy.catch(() => cache.delete(key));
  return policy;
}

/** The policy's inputs as the scoring form's offer economics (only a per-customer CLV maps onto CLV = months × charge). */
function economicsOf(inputs: Record<string, unknown>): { economics?: NonNullable<DecisionPolicy['economics']> } {
  const i = inputs as { clv?: { kind?: string; months?: number }; offerCost?: number; contactCost?: number; acceptanceRate?: number };
  if (i.clv?.kind !== 'per_customer' || typeof i.clv.months !== 'number') return {};
  return { economics: { clvMonths: i.clv.months, offerCost: i.offerCost ?? 10, contactCost: i.contactCost ?? 1, saveRate: i.acceptanceRate ?? 0.3 } };
}

/** Forget one version's cached policy, or every version of a model (an ROI policy applies to all of them). */
export function forgetServingPolicy(name: string, version?: number): void {
  if (version !== undefined) cache.delete(`${name}@${version}`);
  else for (const k of [...cache.keys()]) if (k.startsWith(`${name}@`)) cache.delete(k);
}
