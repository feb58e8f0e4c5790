// The decision attached to every score. Until an ROI policy is saved (the ROI issue), the policy is the threshold
// stored with the served model version (the one that maximised F1 on the validation month).
//
// Risk bands are read against that same threshold, so a band always agrees with the decision:
//   high   p >= threshold            (the model recommends contacting this customer)
//   medium threshold/2 <= p < threshold
//   low    p < threshold/2
export type RiskBand = 'low' | 'medium' | 'high';

export interface DecisionPolicy {
  threshold: number;
  /** Where the threshold comes from, shown to people ("model version threshold", later "ROI policy v3"). */
  source: string;
}

export function policyFromModel(manifest: { threshold: number }, version: number): DecisionPolicy {
  return { threshold: manifest.threshold, source: `threshold stored with model version ${version}` };
}

export function riskBand(p: number, threshold: number): RiskBand {
  if (p >= threshold) return 'high';
  if (p >= threshold / 2) return 'medium';
  return 'low';
}

export function decide(p: number, policy: DecisionPolicy): { contact: boolean; threshold: number } {
  return { contact: p >= policy.threshold, threshold: policy.threshold };
}
