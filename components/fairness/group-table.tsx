// The per-group metrics of one attribute (or intersection): count first, then each rate with its bootstrap interval
// underneath. Small groups stay in the table, marked; a rate whose denominator is 0 shows as "n/a" with the reason.
import type { GroupRow } from '@/lib/fairness/views';
import { METRIC_LABELS } from '@/lib/fairness/views';
import { formatInt, formatPct } from '@/lib/ui/format';

const fmt = (metric: string, v: number) => (metric === 'auc' || metric === 'calibration_ratio' ? v.toFixed(3) : formatPct(v));

export function GroupTable({ rows, metrics, overall, caption }: { rows: GroupRow[]; metrics: readonly string[]; overall: Record<string, unknown>; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[880px] text-sm" aria-label={caption}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th className="py-2 pr-3 font-medium">Group</th>
            <th className="py-2 pr-3 text-right font-medium">Count</th>
            {metrics.map((m) => (
              <th key={m} className="py-2 pr-3 text-right font-medium">
                {METRIC_LABELS[m] ?? m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                {r.group.replaceAll('&', ' · ')}
                {r.small && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-amber-800" title="Fewer rows than the minimum group size: shown, but left out of the verdict">small</span>}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{formatInt(r.count)}</td>
              {metrics.map((m) => {
                const { value, ci } = r.values[m]!;
                return (
                  <td key={m} className="py-2 pr-3 text-right tabular-nums">
                    {value === null ? <span className="text-slate-400" title="The denominator is 0 in this group">n/a</span> : fmt(m, value)}
                    {ci && value !== null && (
                      <span className="block text-[10px] text-slate-400">
                        {fmt(m, ci[0])}–{fmt(m, ci[1])}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="bg-slate-50 font-medium">
            <th scope="row" className="py-2 pr-3 text-left">
              Overall
            </th>
            <td className="py-2 pr-3 text-right tabular-nums">{typeof overall.count === 'number' ? formatInt(overall.count) : ''}</td>
            {metrics.map((m) => {
              const v = overall[m];
              return (
                <td key={m} className="py-2 pr-3 text-right tabular-nums">
                  {typeof v === 'number' ? fmt(m, v) : 'n/a'}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
