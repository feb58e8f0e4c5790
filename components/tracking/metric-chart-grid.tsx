'use client';

import { KeySelect } from './compare-controls';
import { MetricHistoryChart, type ChartRun } from './metric-history-chart';

/** The "add a chart" picker and a grid of metric-history charts, shared by the run page and the compare view. */
export function MetricChartGrid({
  available,
  charts,
  runs,
  onChange,
  emptyText,
  legend = false,
}: {
  /** Metric keys with a history to chart. */
  available: readonly string[];
  charts: readonly string[];
  runs: ChartRun[];
  onChange: (charts: string[]) => void;
  emptyText: string;
  legend?: boolean;
}) {
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <KeySelect
          label="Add metric chart"
          placeholder="Add a chart…"
          options={available.filter((k) => !charts.includes(k)).map((k) => ({ value: k, label: k }))}
          value=""
          onChange={(k) => k && onChange([...charts, k])}
        />
        {legend && (
          <ul className="ml-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" aria-label="Legend">
            {runs.map((r) => (
              <li key={r.id} className="flex items-center gap-1">
                <span className="h-0.5 w-4 rounded" style={{ background: r.color }} aria-hidden />
                {r.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {charts.length === 0 ? (
        <p className="rounded bg-slate-50 px-3 py-8 text-center text-sm text-slate-500">{emptyText}</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {charts.map((k) => (
            <MetricHistoryChart key={k} metricKey={k} runs={runs} onRemove={() => onChange(charts.filter((c) => c !== k))} />
          ))}
        </div>
      )}
    </>
  );
}
