import { formatPct } from '@/lib/ui/format';
import { pp, splitCharts, type Evaluation } from './eval-data';

interface MetricRow {
  label: string;
  better: 'max' | 'min' | null;
  get: (e: Evaluation) => number | undefined;
  format: (v: number) => string;
}

const f3 = (v: number) => v.toFixed(3);
const f4 = (v: number) => v.toFixed(4);

export const COMPARE_ROWS: MetricRow[] = [
  { label: 'Test ROC AUC', better: 'max', get: (e) => e.splits.test.auc, format: f3 },
  { label: 'Test PR AUC', better: 'max', get: (e) => e.splits.test.pr_auc, format: f3 },
  { label: 'Test log loss', better: 'min', get: (e) => e.splits.test.log_loss, format: f4 },
  { label: 'Test Brier score', better: 'min', get: (e) => e.splits.test.brier, format: f4 },
  { label: 'Test calibration error (ECE)', better: 'min', get: (e) => e.splits.test.ece, format: pp },
  { label: 'Top-decile lift (test)', better: 'max', get: (e) => splitCharts(e.splits.test).lift[0]?.lift, format: (v) => `${v.toFixed(2)}×` },
  { label: 'Precision at its threshold (test)', better: 'max', get: (e) => e.splits.test.precision, format: (v) => formatPct(v) },
  { label: 'Recall at its threshold (test)', better: 'max', get: (e) => e.splits.test.recall, format: (v) => formatPct(v) },
  { label: 'F1 at its threshold (test)', better: 'max', get: (e) => e.splits.test.f1, format: f3 },
  { label: 'Validation ROC AUC', better: 'max', get: (e) => e.splits.valid.auc, format: f3 },
  { label: 'Decision threshold', better: null, get: (e) => e.threshold, format: f4 },
];

/** Which side wins a row: 'a', 'b', or null for a tie, a missing value or a row with no better direction. */
export function betterSide(row: MetricRow, a: Evaluation | null, b: Evaluation | null): 'a' | 'b' | null {
  const va = a ? row.get(a) : undefined;
  const vb = b ? row.get(b) : undefined;
  if (!row.better || va === undefined || vb === undefined || !Number.isFinite(va) || !Number.isFinite(vb)) return null;
  if (row.format(va) === row.format(vb)) return null; // equal as shown: calling one better would confuse
  return (row.better === 'max') === va > vb ? 'a' : 'b';
}

function Cell({ value, best }: { value: string; best: boolean }) {
  return (
    <td className={'whitespace-nowrap px-3 py-1.5 text-right tabular-nums ' + (best ? 'bg-emerald-50 font-semibold text-emerald-800' : 'text-slate-700')}>
      {value}
      {best && <span className="ml-1.5 rounded bg-emerald-100 px-1 py-0.5 text-[10px] font-medium uppercase text-emerald-700">better</span>}
    </td>
  );
}

/** The two versions' metrics row by row, the better value of each row marked. */
export function CompareMetrics({ a, b, labelA, labelB }: { a: Evaluation | null; b: Evaluation | null; labelA: string; labelB: string }) {
  return (
    <table className="w-full text-left text-sm" aria-label="Metrics comparison">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-3">Metric</th>
          <th className="px-3 text-right normal-case">{labelA}</th>
          <th className="px-3 text-right normal-case">{labelB}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {COMPARE_ROWS.map((row) => {
          const side = betterSide(row, a, b);
          const show = (e: Evaluation | null) => {
            const v = e ? row.get(e) : undefined;
            return v === undefined || !Number.isFinite(v) ? '—' : row.format(v);
          };
          return (
            <tr key={row.label}>
              <th scope="row" className="py-1.5 pr-3 font-medium text-slate-800">
                {row.label}
                {row.better && <span className="ml-1 text-xs font-normal text-slate-400">{row.better === 'max' ? '(higher is better)' : '(lower is better)'}</span>}
              </th>
              <Cell value={show(a)} best={side === 'a'} />
              <Cell value={show(b)} best={side === 'b'} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
