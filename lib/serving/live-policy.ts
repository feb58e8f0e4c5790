// The decision policy scoring uses for a model version: its own threshold, plus the per-group thresholds of the
// version's active fairness policy when one was applied. Read through a short cache (scoring is the hot path);
// applying or withdrawing a policy in this process clears it at once, other processes see it within TTL_MS.
import type { Db } from '@/db/client';
import { activePolicy } from '@/db/queries/fairness';
import { policyFromModel, type DecisionPolicy } from '@/lib/serving/policy';

const TTL_MS = 10_000;
const cache = new Map<string, { at: number; policy: Promise<DecisionPolicy> }>();

export async function servingPolicy(db: Db, model: { name: string; version: number; manifest: { threshold: number } }): Promise<DecisionPolicy> {
  const key = `${model.name}@${model.version}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.policy;
  const policy = (async () => {
    const base = policyFromModel(model.manifest, model.version);
    const row = await activePolicy({ db, modelName: model.name, modelVersion: model.version });
    if (!row) return base;
    return { ...base, groups: { id: row.id, attributes: row.attribute.split('&'), thresholds: row.thresholds } };
  })();
  cache.set(key, { at: Date.now(), policy });
  policy.catch(() => cache.delete(key));
  return policy;
}

export function forgetServingPolicy(name: string, version: number): void {
  cache.delete(`${name}@${version}`);
}
