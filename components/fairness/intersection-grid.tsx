// A two-attribute intersection as a heat grid: each cell's value, shaded from the lowest to the highest among cells
// large enough to judge; small cells are outlined and greyed rather than hidden.
import type { GridCell } from '@/lib/fairness/views';
import { ATTRIBUTE_LABELS, METRIC_LABELS } from '@/lib/fairness/views';
import { formatInt, formatPct } from '@/lib/ui/format';

function shade(v: number | null, min: number | null, max: number | null): string {
  if (v === null || min === null || max === null || max === min) return 'rgb(241 245 249)';
  const t = Math.min(1, Math.max(0, (v - min) / (max - min)));
  // light blue → deep orange
  const r = Math.round(219 + (234 - 219) * t);
  const g = Math.round(234 + (88 - 234) * t);
  const b = Math.round(254 + (12 - 254) * t);
  return `rgb(${r} ${g} ${b})`;
}

export function IntersectionGrid(p: { rowAttribute: string; colAttribute: string; rows: string[]; cols: string[]; cells: GridCell[][]; min: number | null; max: number | null; metric: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-xs" aria-label={`${METRIC_LABELS[p.metric]} by ${ATTRIBUTE_LABELS[p.rowAttribute]} and ${ATTRIBUTE_LABELS[p.colAttribute]}`}>
        <thead>
          <tr>
            <th className="p-1.5 text-left text-slate-500">
              {ATTRIBUTE_LABELS[p.rowAttribute]} ↓ · {ATTRIBUTE_LABELS[p.colAttribute]} →
            </th>
            {p.cols.map((c) => (
              <th key={c} className="p-1.5 text-center font-medium text-slate-600">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row" className="p-1.5 text-left font-medium text-slate-700">
                {r}
              </th>
              {p.cells[i]!.map((c, j) => (
                <td
                  key={p.cols[j]}
                  className={'min-w-[84px] border border-white p-1.5 text-center tabular-nums ' + (c.small ? 'text-slate-400 outline-dashed outline-1 outline-slate-300' : 'text-slate-900')}
                  style={{ background: c.small ? 'rgb(248 250 252)' : shade(c.value, p.min, p.max) }}
                  title={`${r} · ${p.cols[j]}: ${c.value === null ? 'n/a' : formatPct(c.value)} (${formatInt(c.count)} customers${c.small ? ', small' : ''})`}
                >
                  <span className="block font-semibold">{c.value === null ? 'n/a' : formatPct(c.value)}</span>
                  <span className="block text-[10px] text-slate-500">n={formatInt(c.count)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
