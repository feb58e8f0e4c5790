// A model version's audit as the pages, the API and the promotion gate see it: its audit data (test month or a
// labelled monitoring month), decided at its own threshold or at its active per-group threshold policy, audited by
// every attribute and every intersection of them.
import type { Db } from '@/db/client';
import { activePolicy, SENSITIVE_ATTRIBUTES, type PolicyRow } from '@/db/queries/fairness';
import { groupKey } from '@/lib/serving/policy';
import { audit, type AuditResult } from './audit';
import { loadAuditData, type AuditData } from './audit-data';

/** The intersections every version audit includes: all pairs and the triple. */
export const INTERSECTIONS: string[][] = [
  ['age_band', 'gender'],
  ['age_band', 'region'],
  ['gender', 'region'],
  ['age_band', 'gender', 'region'],
];

export interface VersionAuditOptions {
  month?: string;
  /** Bootstrap resamples (0: no confidence intervals). */
  bootstrap?: number;
  seed?: number;
  minGroupSize?: number;
  /** Decide each row at the version's active fairness policy's group threshold (when it has one). */
  applyPolicy?: boolean;
}

export interface VersionAudit extends AuditResult {
  model: { name: string; version: number };
  data: Pick<AuditData, 'source' | 'rows' | 'excluded' | 'threshold'>;
  /** The threshold policy the decisions were made at, when applied. */
  policy: { id: number; attribute: string; thresholds: Record<string, number>; default_threshold: number } | null;
}

/** Each row's decision under a per-group threshold policy (rows whose group has no threshold keep the default). */
export function decideWithPolicy(data: Pick<AuditData, 'yScore' | 'sensitive' | 'rows'>, policy: Pick<PolicyRow, 'attribute' | 'thresholds' | 'defaultThreshold'>): Uint8Array {
  const keys = policy.attribute.split('&');
  const out = new Uint8Array(data.rows);
  const attrs: Record<string, string> = {};
  for (let i = 0; i < data.rows; i++) {
    for (const k of keys) attrs[k] = (data.sensitive as Record<string, string[]>)[k]?.[i] ?? '';
    const g = groupKey(attrs, keys);
    const t = (g !== null ? policy.thresholds[g] : undefined) ?? policy.defaultThreshold;
    out[i] = data.yScore[i]! >= t ? 1 : 0;
  }
  return out;
}

const cache = new WeakMap<Db, Map<string, { at: number; value: Promise<VersionAudit> }>>();
const TTL_MS = 60_000;

export async function auditVersion(db: Db, name: string, version: number, opts: VersionAuditOptions = {}): Promise<VersionAudit> {
  const policy = opts.applyPolicy ? await activePolicy({ db, modelName: name, modelVersion: version }) : null;
  const key = JSON.stringify([name, version, opts.month ?? null, opts.bootstrap ?? 0, opts.seed ?? 7, opts.minGroupSize ?? 30, policy?.id ?? null]);
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async (): Promise<VersionAudit> => {
    const data = await loadAuditData(db, name, version, opts.month ? { kind: 'month', month: opts.month } : undefined);
    const yPred = policy ? decideWithPolicy(data, policy) : data.yPred;
    const result = audit({
      yTrue: data.yTrue,
      yScore: data.yScore,
      yPred,
      sensitive: Object.fromEntries(SENSITIVE_ATTRIBUTES.map((a) => [a, data.sensitive[a]])),
      intersections: INTERSECTIONS,
      bootstrap: opts.bootstrap ? { n: opts.bootstrap, seed: opts.seed ?? 7 } : undefined,
      minGroupSize: opts.minGroupSize ?? 30,
    });
    return {
      model: { name, version },
      data: { source: data.source, rows: data.rows, excluded: data.excluded, threshold: data.threshold },
      policy: policy ? { id: policy.id, attribute: policy.attribute, thresholds: policy.thresholds, default_threshold: policy.defaultThreshold } : null,
      ...result,
    };
  })();
  m.set(key, { at: Date.now(), value });
  value.catch(() => m.delete(key));
  if (m.size > 16) m.delete(m.keys().next().value!);
  return value;
}
