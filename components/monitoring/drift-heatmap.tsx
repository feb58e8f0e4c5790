'use client';
// Feature × window drift as a real table: a row per feature (its name links to the feature page), a column per
// window, each cell coloured by drift strength (1 = at the method's threshold) and marked when it drifted. Hover or
// keyboard focus shows the test behind a cell; the same text is the cell's accessible name.
import Link from 'next/link';
import { useState } from 'react';
import { STRENGTH_CAP, STRENGTH_LEVELS, describeTest, fmtNum, fmtShare, METHOD_NAMES, type HeatCell, type Heatmap } from '@/lib/monitoring/views';

function cellText(c: HeatCell, windowTitle: string): string {
  return `${c.feature}, ${windowTitle}: ${c.drift ? 'drift' : 'no drift'} — ${describeTest({ ...c, p_value: c.pValue, type: 'numeric', null_share: c.nullShare })}`;
}

interface Tip {
  cell: HeatCell;
  windowTitle: string;
  x: number;
  y: number;
}

export function DriftHeatmap({ data }: { data: Heatmap }) {
  const [tip, setTip] = useState<Tip | null>(null);
  const n = data.columns.length;
  // Many windows (days, weeks): narrow cells and thinned column labels, the table scrolls sideways.
  const compact = n > 16;
  const labelEvery = n > 60 ? 7 : n > 24 ? 2 : 1;
  const cellW = compact ? (n > 60 ? 'min-w-[10px]' : 'min-w-[22px]') : 'min-w-[56px]';

  const show = (e: React.MouseEvent | React.FocusEvent, cell: HeatCell, windowTitle: string) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    setTip({ cell, windowTitle, x: r.left + r.width / 2, y: r.bottom + 6 });
  };

  return (
    <div data-testid="drift-heatmap" className="[contain:inline-size]">
      <div className="relative overflow-x-auto pb-1">
        <table className={'border-separate border-spacing-[2px] text-xs ' + (compact ? '' : 'w-full')} aria-label="Feature drift by window" onMouseLeave={() => setTip(null)}>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-white pr-2 text-left font-medium text-slate-500">
                Feature
              </th>
              {data.columns.map((c, i) => (
                <th key={c.key} scope="col" title={c.title} className={'whitespace-nowrap px-0.5 text-center font-medium text-slate-500 ' + cellW}>
                  {i % labelEvery === 0 ? c.label : <span className="sr-only">{c.title}</span>}
                </th>
              ))}
              <th scope="col" className="whitespace-nowrap pl-2 text-right font-medium text-slate-500">
                Drifted
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.feature}>
                <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-white pr-2 text-left font-normal">
                  <Link href={`/monitoring/features/${encodeURIComponent(row.feature)}`} className="font-mono text-[12px] text-brand-700 hover:underline">
                    {row.feature}
                  </Link>
                </th>
                {row.cells.map((c, i) => {
                  const col = data.columns[i]!;
                  if (!c)
                    return (
                      <td key={col.key} className="h-7 rounded-sm bg-white text-center text-slate-300" aria-label={`${row.feature}, ${col.title}: not compared`}>
                        ·
                      </td>
                    );
                  const lvl = STRENGTH_LEVELS[c.level]!;
                  return (
                    <td
                      key={col.key}
                      tabIndex={0}
                      data-testid={`drift-cell-${row.feature}-${col.key}`}
                      data-drift={c.drift ? 'true' : 'false'}
                      aria-label={cellText(c, col.title)}
                      onMouseEnter={(e) => show(e, c, col.title)}
                      onFocus={(e) => show(e, c, col.title)}
                      onBlur={() => setTip(null)}
                      style={{ backgroundColor: lvl.bg, color: lvl.fg }}
                      className={
                        'h-7 cursor-default rounded-sm text-center align-middle tabular-nums outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ' +
                        (c.drift ? 'font-semibold ring-1 ring-inset ring-black/20' : '')
                      }
                    >
                      {!compact ? (c.drift ? `▲ ${c.strength >= STRENGTH_CAP ? '≥' : ''}${fmtNum(c.strength)}×` : '') : c.drift ? '▲' : ''}
                    </td>
                  );
                })}
                <td className="pl-2 text-right tabular-nums text-slate-600">
                  {row.drifted}/{row.cells.filter(Boolean).length}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="sticky left-0 z-10 bg-white pr-2 pt-1 text-left font-medium text-slate-500">
                Share drifted
              </th>
              {data.columns.map((c) => (
                <td key={c.key} className={'pt-1 text-center tabular-nums ' + (c.datasetDrift ? 'font-semibold text-red-700' : 'text-slate-500')} title={`${c.title}: ${fmtShare(c.driftShare, 0)} of features drifted`}>
                  {compact ? '' : fmtShare(c.driftShare, 0)}
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <HeatmapLegend />
      {tip && (
        <div
          role="tooltip"
          className="pointer-events-none fixed z-50 w-64 -translate-x-1/2 rounded-md border border-slate-200 bg-white p-2.5 text-xs text-slate-700 shadow-lg"
          style={{ left: Math.min(Math.max(tip.x, 136), (typeof window !== 'undefined' ? window.innerWidth : 1280) - 136), top: tip.y }}
        >
          <p className="font-semibold text-slate-900">
            <span className="font-mono">{tip.cell.feature}</span> · {tip.windowTitle}
          </p>
          <p className={tip.cell.drift ? 'font-medium text-red-700' : 'text-emerald-700'}>{tip.cell.drift ? 'Drift detected' : 'No drift'}</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
            <dt className="text-slate-500">Method</dt>
            <dd>{METHOD_NAMES[tip.cell.method]}</dd>
            <dt className="text-slate-500">Statistic</dt>
            <dd className="tabular-nums">{fmtNum(tip.cell.statistic)}</dd>
            {tip.cell.pValue !== null && (
              <>
                <dt className="text-slate-500">p-value</dt>
                <dd className="tabular-nums">{fmtNum(tip.cell.pValue)}</dd>
              </>
            )}
            <dt className="text-slate-500">Threshold</dt>
            <dd className="tabular-nums">
              {tip.cell.pValue !== null ? 'p < ' : 'score ≥ '}
              {fmtNum(tip.cell.threshold)}
            </dd>
            <dt className="text-slate-500">Strength</dt>
            <dd className="tabular-nums">{fmtNum(tip.cell.strength)}× threshold</dd>
            <dt className="text-slate-500">Null share</dt>
            <dd className="tabular-nums">
              {fmtShare(tip.cell.nullShare.current)} (ref {fmtShare(tip.cell.nullShare.reference)})
            </dd>
          </dl>
        </div>
      )}
    </div>
  );
}

export function HeatmapLegend() {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Heatmap legend">
      <span className="font-medium text-slate-500">Drift strength (score relative to the method&apos;s threshold):</span>
      {STRENGTH_LEVELS.map((l) => (
        <span key={l.level} className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-5 rounded-sm ring-1 ring-inset ring-black/10" style={{ backgroundColor: l.bg }} />
          {l.label}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="font-semibold">▲</span> drifted (the number is the strength)
      </span>
    </div>
  );
}
