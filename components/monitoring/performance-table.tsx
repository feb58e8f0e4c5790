import { fmtMetric, type OverviewPoint } from '@/lib/monitoring/views';
import { formatInt } from '@/lib/ui/format';

/** Realized precision / recall at the policy threshold per window, beside CBPE's estimates. */
export function PerformanceTable({ data }: { data: OverviewPoint[] }) {
  // Many windows (days, weeks): the newest labelled ones, since precision and recall need labels.
  const many = data.length > 14;
  const rows = many ? data.filter((p) => p.labeled > 0 && !p.fewLabels).slice(-12) : data;
  const newer = many ? data.filter((p) => (p.labeled === 0 || p.fewLabels) && rows.length > 0 && p.key > rows.at(-1)!.key).length : 0;
  return (
    <div className="overflow-x-auto [contain:inline-size]">
      <table className="w-full text-right text-sm tabular-nums" aria-label="Precision and recall at the policy threshold">
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 text-left font-medium">Window</th>
            <th scope="col" className="py-1 font-medium">Labelled</th>
            <th scope="col" className="py-1 font-medium">Threshold</th>
            <th scope="col" className="py-1 font-medium">Precision</th>
            <th scope="col" className="py-1 font-medium">Recall</th>
            <th scope="col" className="py-1 font-medium">Est. precision</th>
            <th scope="col" className="py-1 font-medium">Est. recall</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.key} className="border-t border-slate-100">
              <th scope="row" className="py-1.5 text-left font-normal">{p.title}</th>
              <td className="py-1.5">
                {p.labeled && !p.fewLabels ? formatInt(p.labeled) : <span className="text-slate-400">{p.fewLabels ? `${formatInt(p.labeled)} (too few) · ` : ''}estimate only</span>}
              </td>
              <td className="py-1.5">{fmtMetric(p.threshold)}</td>
              <td className="py-1.5 font-medium">{fmtMetric(p.realizedPrecision)}</td>
              <td className="py-1.5 font-medium">{fmtMetric(p.realizedRecall)}</td>
              <td className="py-1.5 text-slate-500">{fmtMetric(p.estimatedPrecision)}</td>
              <td className="py-1.5 text-slate-500">{fmtMetric(p.estimatedRecall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {many && (
        <p className="mt-1 text-xs text-slate-500">
          The newest {rows.length} labelled windows of {data.length}
          {newer ? `; ${newer} newer window${newer === 1 ? ' has' : 's have'} no labels yet (estimate only)` : ''}.
        </p>
      )}
    </div>
  );
}
