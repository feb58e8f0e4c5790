// The headline disparities of one attribute in both conventions, each labelled: Fairlearn's between_groups (worst
// pair) and to_overall, and Aequitas's ratio to a reference group, with bootstrap intervals where computed.
import type { AttributeDisparities } from '@/lib/fairness/audit';

const ROWS: { key: string; label: string }[] = [
  { key: 'demographic_parity', label: 'Demographic parity (selection rate)' },
  { key: 'equal_opportunity', label: 'Equal opportunity (TPR)' },
  { key: 'equalized_odds', label: 'Equalized odds, worst case (TPR, FPR)' },
];

const f = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
const iv = (ci: Record<string, [number, number] | null> | null, key: string) => {
  const x = ci?.[key];
  return x ? (
    <span className="block text-[10px] text-slate-400">
      {x[0].toFixed(3)}–{x[1].toFixed(3)}
    </span>
  ) : null;
};

export function DisparityTable({ disparities, ci }: { disparities: AttributeDisparities | undefined; ci: Record<string, [number, number] | null> | null }) {
  if (!disparities) return null;
  const d = disparities as unknown as Record<string, number | null>;
  const o = disparities.to_overall as unknown as Record<string, number | null>;
  const ref = disparities.vs_reference;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full min-w-[640px] text-sm" aria-label="Disparities">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th className="py-2 pr-3 font-medium">Disparity</th>
            <th className="py-2 pr-3 text-right font-medium" title="Fairlearn, method='between_groups': max − min">Difference (between groups)</th>
            <th className="py-2 pr-3 text-right font-medium" title="Fairlearn, method='between_groups': min ÷ max">Ratio (between groups)</th>
            <th className="py-2 pr-3 text-right font-medium" title="Fairlearn, method='to_overall': largest |group − overall|">Difference (to overall)</th>
            <th className="py-2 pr-3 text-right font-medium" title="Fairlearn, method='to_overall': smallest group ÷ overall (inverted above 1)">Ratio (to overall)</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.key} className="border-b border-slate-100">
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                {r.label}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">
                {f(d[`${r.key}_difference`])}
                {iv(ci, `${r.key}_difference`)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {f(d[`${r.key}_ratio`])}
                {iv(ci, `${r.key}_ratio`)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {f(o[`${r.key}_difference`])}
                {iv(ci, `to_overall.${r.key}_difference`)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {f(o[`${r.key}_ratio`])}
                {iv(ci, `to_overall.${r.key}_ratio`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-500">
        Fairlearn&apos;s conventions (unsigned: worst pair, or worst group against all customers). Aequitas&apos;s convention (each group ÷ the reference group{' '}
        <span className="font-medium">{ref.reference}</span>, the {ref.reference_rule === 'largest' ? 'largest group' : 'chosen group'}): TPR ratio{' '}
        {Object.entries(ref.ratios)
          .map(([g, m]) => `${g} ${f(m.tpr ?? null)}`)
          .join(', ')}
        ; FPR ratio{' '}
        {Object.entries(ref.ratios)
          .map(([g, m]) => `${g} ${f(m.fpr ?? null)}`)
          .join(', ')}
        . Against the best-off group of each metric (Aequitas&apos;s “min metric” reference): TPR ÷ {disparities.vs_best.best.tpr ?? 'n/a'}&apos;s{' '}
        {Object.entries(disparities.vs_best.ratios)
          .map(([g, m]) => `${g} ${f(m.tpr ?? null)}`)
          .join(', ')}
        ; FPR ÷ {disparities.vs_best.best.fpr ?? 'n/a'}&apos;s{' '}
        {Object.entries(disparities.vs_best.ratios)
          .map(([g, m]) => `${g} ${f(m.fpr ?? null)}`)
          .join(', ')}
        .
      </p>
    </div>
  );
}
