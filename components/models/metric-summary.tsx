import { Stat } from '@/components/ui/stat';
import { formatPct } from '@/lib/ui/format';
import { pp, SPLIT_LABEL, type Evaluation, type SplitCharts, type SplitName } from './eval-data';

type Row = { label: string; hint: string; value: (split: SplitName) => string };

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

function rows(e: Evaluation): Row[] {
  const s = (k: SplitName) => e.splits[k];
  const t = e.threshold.toFixed(3);
  return [
    { label: 'ROC AUC', hint: 'ranking quality; 0.5 is random, 1 is perfect', value: (k) => f3(s(k).auc) },
    { label: 'PR AUC', hint: 'average precision over all thresholds', value: (k) => f3(s(k).pr_auc) },
    { label: 'Log loss', hint: 'lower is better', value: (k) => `${f3(s(k).log_loss)} (uncalibrated ${f3(e.uncalibrated[k].log_loss)})` },
    { label: 'Brier score', hint: 'mean squared error of the probability; lower is better', value: (k) => `${s(k).brier.toFixed(4)} (uncalibrated ${e.uncalibrated[k].brier.toFixed(4)})` },
    { label: 'Calibration error (ECE)', hint: 'how far scores are from observed rates', value: (k) => `${pp(s(k).ece)} (uncalibrated ${pp(e.uncalibrated[k].ece)})` },
    { label: `Precision at ${t}`, hint: 'share of flagged customers who churn', value: (k) => formatPct(s(k).precision) },
    { label: `Recall at ${t}`, hint: 'share of churners who are flagged', value: (k) => formatPct(s(k).recall) },
    { label: `F1 at ${t}`, hint: 'balance of precision and recall', value: (k) => f3(s(k).f1) },
    { label: `Accuracy at ${t}`, hint: 'misleading when churn is rare', value: (k) => formatPct(s(k).accuracy) },
  ];
}

/** Headline figures for a stakeholder, then the full validation/test table with the stored decision rule. */
export function MetricSummary({ evaluation: e, test }: { evaluation: Evaluation; test: SplitCharts }) {
  const top = test.lift[0];
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Test AUC" value={e.splits.test.auc.toFixed(3)} hint={`validation ${e.splits.valid.auc.toFixed(3)}`} />
        <Stat label="Top-decile lift" value={top ? `${top.lift.toFixed(1)}×` : '—'} hint={top ? `${formatPct(top.rate, 0)} of the riskiest 10% churned` : undefined} />
        <Stat label="Churners caught" value={formatPct(e.splits.test.recall, 0)} hint={`at threshold ${e.threshold.toFixed(3)}, precision ${formatPct(e.splits.test.precision, 0)}`} />
        <Stat label="Calibration error" value={pp(e.splits.test.ece)} hint={`${pp(e.uncalibrated.test.ece)} before calibration`} />
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <p className="mb-3 text-sm text-slate-600">
          Decision threshold <strong className="tabular-nums">{e.threshold.toFixed(4)}</strong> — chosen by {e.threshold_rule}. Scores are Platt-calibrated on the validation split (a ={' '}
          {e.calibration.a.toFixed(3)}, b = {e.calibration.b.toFixed(3)}).
        </p>
        <table className="w-full text-left text-sm" aria-label="Metrics">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-3">Metric</th>
              <th className="pr-3 text-right">{SPLIT_LABEL.valid}</th>
              <th className="pr-3 text-right">{SPLIT_LABEL.test}</th>
              <th className="pl-4">What it says</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows(e).map((r) => (
              <tr key={r.label}>
                <th scope="row" className="py-1.5 pr-3 font-medium text-slate-800">
                  {r.label}
                </th>
                <td className="whitespace-nowrap pr-3 text-right tabular-nums">{r.value('valid')}</td>
                <td className="whitespace-nowrap pr-3 text-right tabular-nums">{r.value('test')}</td>
                <td className="pl-4 text-xs text-slate-500">{r.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
