// A half-circle gauge of the churn probability with the decision threshold marked. The number is also text, and the
// whole gauge is one labelled image for screen readers.
import type { RiskBand } from '@/lib/serving/policy';
import { formatPct as formatPercent } from '@/lib/ui/format';

const BAND_COLOR: Record<RiskBand, string> = { low: '#059669', medium: '#d97706', high: '#dc2626' };
const CX = 100;
const CY = 100;
const R = 80;

function point(t: number, r = R): [number, number] {
  const a = Math.PI * (1 - Math.min(1, Math.max(0, t)));
  return [CX + r * Math.cos(a), CY - r * Math.sin(a)];
}

function arc(from: number, to: number): string {
  const [x0, y0] = point(from);
  const [x1, y1] = point(to);
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${R} ${R} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

export function ProbabilityGauge({ probability, threshold, band, size = 230 }: { probability: number; threshold: number; band: RiskBand; size?: number }) {
  const [tx0, ty0] = point(threshold, R - 14);
  const [tx1, ty1] = point(threshold, R + 14);
  const [lx, ly] = point(threshold, R + 24);
  return (
    <figure className="m-0 flex flex-col items-center" data-testid="probability-gauge" data-probability={probability}>
      <svg viewBox="-22 -4 244 122" width={size} height={(size * 122) / 244} role="img" aria-label={`Churn probability ${formatPercent(probability)}; contact threshold ${formatPercent(threshold, 0)}`}>
        <path d={arc(0, 1)} fill="none" stroke="#e2e8f0" strokeWidth={16} strokeLinecap="butt" />
        {probability > 0 && <path d={arc(0, probability)} fill="none" stroke={BAND_COLOR[band]} strokeWidth={16} strokeLinecap="butt" />}
        <line x1={tx0} y1={ty0} x2={tx1} y2={ty1} stroke="#0f172a" strokeWidth={2} />
        <text x={lx} y={ly} fontSize={9} fill="#475569" textAnchor={threshold < 0.45 ? 'end' : threshold > 0.55 ? 'start' : 'middle'}>
          {formatPercent(threshold, 0)}
        </text>
        <text x={CX} y={CY - 8} fontSize={26} fontWeight={600} fill="#0f172a" textAnchor="middle">
          {formatPercent(probability)}
        </text>
        <text x={CX} y={CY + 10} fontSize={10} fill="#64748b" textAnchor="middle">
          churn probability
        </text>
      </svg>
    </figure>
  );
}

const BAND_STYLE: Record<RiskBand, string> = {
  low: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  medium: 'bg-amber-50 text-amber-800 ring-amber-200',
  high: 'bg-red-50 text-red-800 ring-red-200',
};

export function RiskBadge({ band }: { band: RiskBand }) {
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-sm font-semibold ring-1 ring-inset ${BAND_STYLE[band]}`}>{band.charAt(0).toUpperCase() + band.slice(1)} risk</span>;
}
