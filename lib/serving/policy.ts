// The decision attached to every score. Until an ROI policy is saved (the ROI issue), the policy is the threshold
// stored with the served model version (the one that maximised F1 on the validation month) — or, when a data
// scientist has applied a fairness mitigation to that version, per-group thresholds (lib/fairness/thresholds.ts).
//
// Per-group thresholds are used only for a record that carries the policy's attribute(s) (age_band, gender, region —
// never model inputs, and never looked up behind the caller's back); any other record is decided at the version's
// threshold, and every decision says which threshold it used and why.
//
// Risk bands are read against the threshold the row was decided at, so a band always agrees with the decision:
//   high   p >= threshold            (the model recommends contacting this customer)
//   medium threshold/2 <= p < threshold
//   low    p < threshold/2
export type RiskBand = 'low' | 'medium' | 'high';

export interface GroupThresholds {
  /** The fairness policy's id (fairness_policies.id). */
  id: number;
  /** The attributes the groups are keyed by, e.g. ['age_band'] or ['age_band', 'region'] (group key "65+&south"). */
  attributes: string[];
  thresholds: Record<string, number>;
}

export interface DecisionPolicy {
  threshold: number;
  /** Where the threshold comes from, shown to people ("model version threshold", later "ROI policy v3"). */
  source: string;
  groups?: GroupThresholds;
  /** The offer economics the ROI policy was chosen under (the scoring form values its recommended action with them). */
  economics?: { clvMonths: number; offerCost: number; contactCost: number; saveRate: number };
}

export interface Decision {
  contact: boolean;
  threshold: number;
  /** Which threshold was used and why (always present when the policy has per-group thresholds). */
  threshold_source?: string;
}

export function policyFromModel(manifest: { threshold: number }, version: number): DecisionPolicy {
  return { threshold: manifest.threshold, source: `threshold stored with model version ${version}` };
}

export function riskBand(p: number, threshold: number): RiskBand {
  if (p >= threshold) return 'high';
  if (p >= threshold / 2) return 'medium';
  return 'low';
}

/** The group key of a record's attributes for a policy ("65+", or "65+&south"), or null if any is missing. */
export function groupKey(attributes: Readonly<Record<string, string>> | null | undefined, keys: readonly string[]): string | null {
  if (!attributes) return null;
  const parts: string[] = [];
  for (const k of keys) {
    const v = attributes[k];
    if (typeof v !== 'string' || v === '') return null;
    parts.push(v);
  }
  return parts.join('&');
}

/** The threshold for one record and a sentence saying where it came from. */
export function thresholdFor(policy: DecisionPolicy, attributes?: Readonly<Record<string, string>> | null): { threshold: number; source?: string } {
  const g = policy.groups;
  if (!g) return { threshold: policy.threshold };
  const attr = g.attributes.join('&');
  const key = groupKey(attributes, g.attributes);
  if (key === null) return { threshold: policy.threshold, source: `${policy.source} (the record has no ${g.attributes.join(' and ')}; fairness policy #${g.id} sets per-${attr} thresholds when it is sent)` };
  const t = g.thresholds[key];
  if (t === undefined) return { threshold: policy.threshold, source: `${policy.source} (fairness policy #${g.id} has no threshold for ${attr} '${key}')` };
  return { threshold: t, source: `fairness policy #${g.id}: threshold for ${attr} '${key}'` };
}

export function decide(p: number, policy: DecisionPolicy, attributes?: Readonly<Record<string, string>> | null): Decision {
  const { threshold, source } = thresholdFor(policy, attributes);
  return source === undefined ? { contact: p >= threshold, threshold } : { contact: p >= threshold, threshold, threshold_source: source };
}
