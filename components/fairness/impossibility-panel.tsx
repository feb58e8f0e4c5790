// Why not everything can hold, on this version's own numbers: Chouldechova's identity per group (the observed FPR
// equals p/(1−p)·(1−PPV)/PPV·(1−FNR) with the group's own base rate p), the FPR each group would need if precision and
// FNR were equalised, and the Kleinberg–Mullainathan–Raghavan result in one paragraph.
import type { ChouldechovaResult } from '@/lib/fairness/impossibility';
import { formatInt, formatPct } from '@/lib/ui/format';

export function ImpossibilityPanel({ result, kleinberg, attributeLabel }: { result: ChouldechovaResult; kleinberg: string; attributeLabel: string }) {
  return (
    <div className="space-y-4 text-sm text-slate-700">
      <p>
        For any classifier, within each group: <span className="font-mono text-[13px]">FPR = p/(1−p) · (1−PPV)/PPV · (1−FNR)</span>, where p is the group&apos;s churn base rate
        (Chouldechova, 2017). If base rates differ, equal precision and equal FNR force unequal FPRs — one of predictive parity or error-rate balance has to give.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-sm" aria-label={`Chouldechova's identity by ${attributeLabel}`}>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th className="py-2 pr-3 font-medium">{attributeLabel}</th>
              <th className="py-2 pr-3 text-right font-medium">Count</th>
              <th className="py-2 pr-3 text-right font-medium">Base rate p</th>
              <th className="py-2 pr-3 text-right font-medium">Precision</th>
              <th className="py-2 pr-3 text-right font-medium">FNR</th>
              <th className="py-2 pr-3 text-right font-medium">FPR observed</th>
              <th className="py-2 pr-3 text-right font-medium">FPR from the identity</th>
              <th className="py-2 pr-3 text-right font-medium">FPR if PPV and FNR were equal</th>
            </tr>
          </thead>
          <tbody>
            {result.groups.map((g) => (
              <tr key={g.group} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-3 text-left font-medium">
                  {g.group}
                </th>
                <td className="py-2 pr-3 text-right tabular-nums">{formatInt(g.count)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.base_rate, 2)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.precision)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.fnr)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.fpr_observed, 2)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.fpr_implied, 2)}</td>
                <td className="py-2 pr-3 text-right font-semibold tabular-nums">{formatPct(g.fpr_if_equalised, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">{result.text}</p>
      <p>{kleinberg}</p>
    </div>
  );
}
