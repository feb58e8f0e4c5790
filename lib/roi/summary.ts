// The ROI in one plain-language sentence (page, decks, executive summary). Browser-safe.
import { formatInt, formatUsd } from '@/lib/ui/format';

export function roiSentence(r: { optimum: { contacted: number; threshold: number | null; expected_profit: number; p05: number; p95: number; roi: number | null } }, customers: number): string {
  const o = r.optimum;
  if (o.contacted === 0) return `With these assumptions no campaign pays: contacting nobody is the best choice among ${formatInt(customers)} customers.`;
  return (
    `Contacting the ${formatInt(o.contacted)} riskiest of ${formatInt(customers)} customers (churn score ≥ ${o.threshold?.toFixed(3)}) is expected to save ${formatUsd(o.expected_profit)} net; ` +
    `90% interval ${formatUsd(o.p05)} to ${formatUsd(o.p95)} over the acceptance rate${o.roi !== null ? `, an ROI of ${Math.round(o.roi * 100)}%` : ''}.`
  );
}
