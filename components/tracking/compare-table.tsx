'use client';

import Link from 'next/link';
import { Fragment, useState } from 'react';
import { deltaQuality, type CompareRow, type CompareSection } from '@/lib/ui/compare';
import { formatDelta, formatDuration, formatMetric, formatPctDelta, formatTimestamp } from '@/lib/ui/tracking-format';
import type { Run } from '@/lib/ui/tracking-types';

const SECTION_LABEL: Record<CompareSection, string> = { attributes: 'Run', params: 'Parameters', metrics: 'Metrics', tags: 'Tags' };
/** Rows per section before "show all": keeps a 12,000-key comparison responsive. */
const SECTION_CAP = 200;

function valueText(row: CompareRow, i: number, runName: (id: string) => string | null): React.ReactNode {
  const v = row.values[i];
  if (v === null || v === undefined) return <span className="text-slate-300">—</span>;
  switch (row.format) {
    case 'timestamp':
      return formatTimestamp(Number(v));
    case 'duration':
      return formatDuration(Number(v));
    case 'run': {
      const id = String(v);
      return (
        <Link href={`/experiments/runs/${encodeURIComponent(id)}`} className="text-brand-700 hover:underline" title={id}>
          {runName(id) ?? id.slice(0, 8) + '…'}
        </Link>
      );
    }
    default:
      return typeof v === 'number' ? formatMetric(v) : v;
  }
}

function deltaText(row: CompareRow, d: number | null): string {
  // Equal to the baseline: left blank so the differences stand out.
  if (d === null || d === 0) return '';
  if (row.format === 'duration') return (d > 0 ? '+' : d < 0 ? '−' : '') + formatDuration(Math.abs(d));
  return formatDelta(d);
}

function qualityCls(row: CompareRow, d: number | null): string {
  if (row.section !== 'metrics' && row.format !== 'duration') return 'text-slate-500';
  const q = deltaQuality(row.key, d);
  return q > 0 ? 'text-emerald-700' : q < 0 ? 'text-red-700' : 'text-slate-500';
}

export interface CompareTableProps {
  runs: Run[];
  colors: string[];
  rows: CompareRow[];
  baseline: number;
  showDeltas: boolean;
  transpose: boolean;
}

const th = 'border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-left text-xs font-semibold text-slate-600';
const td = 'whitespace-nowrap border-b border-slate-100 px-2 py-1 tabular-nums';

/** Params, metrics and tags side by side: one column per run, or one row per run when transposed. */
export function CompareTable(p: CompareTableProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<CompareSection>>(new Set());
  const names = new Map(p.runs.map((r) => [r.info.run_id, r.info.run_name || r.info.run_id]));
  const runName = (id: string) => names.get(id) ?? null;
  const sections = (['attributes', 'params', 'metrics', 'tags'] as const)
    .map((s) => {
      const all = p.rows.filter((r) => r.section === s);
      const rows = expanded.has(s) ? all : all.slice(0, SECTION_CAP);
      return { section: s, rows, hidden: all.length - rows.length };
    })
    .filter((s) => s.rows.length > 0 || s.hidden > 0);
  const hasDelta = (row: CompareRow) => p.showDeltas && row.numeric && (row.section !== 'attributes' || row.format === 'duration');
  const showAll = (s: CompareSection) => setExpanded((e) => new Set([...e, s]));
  const runHead = (r: Run, i: number) => (
    <span className="flex items-center gap-1.5">
      <span className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: p.colors[i] }} aria-hidden />
      <Link href={`/experiments/runs/${encodeURIComponent(r.info.run_id)}`} className="truncate text-brand-700 hover:underline" title={r.info.run_id}>
        {r.info.run_name || r.info.run_id}
      </Link>
      {i === p.baseline && <span className="rounded bg-amber-100 px-1 text-[10px] font-semibold uppercase text-amber-800">baseline</span>}
    </span>
  );

  if (!p.transpose) {
    const deltaCols = p.showDeltas;
    return (
      <div className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200">
        <table className="border-separate border-spacing-0 text-sm">
          <thead className="sticky top-0 z-20">
            <tr>
              <th rowSpan={deltaCols ? 2 : 1} className={th + ' sticky left-0 z-30 min-w-48 border-r'}>
                Key
              </th>
              {p.runs.map((r, i) => (
                <th key={r.info.run_id} colSpan={deltaCols && i !== p.baseline ? 3 : 1} className={th + ' max-w-64 border-l border-slate-200'}>
                  {runHead(r, i)}
                </th>
              ))}
            </tr>
            {deltaCols && (
              <tr>
                {p.runs.map((r, i) => (
                  <Fragment key={r.info.run_id}>
                    <th className={th + ' border-l border-slate-200 font-normal'}>value</th>
                    {i !== p.baseline && (
                      <>
                        <th className={th + ' font-normal'} title={`Difference from the baseline run`}>
                          Δ
                        </th>
                        <th className={th + ' font-normal'} title="Relative difference from the baseline run">
                          %Δ
                        </th>
                      </>
                    )}
                  </Fragment>
                ))}
              </tr>
            )}
          </thead>
          {sections.map(({ section, rows, hidden }) => (
            <tbody key={section}>
              <tr>
                <th scope="rowgroup" colSpan={1 + p.runs.length * (deltaCols ? 3 : 1)} className="sticky left-0 bg-white px-2 pb-1 pt-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {SECTION_LABEL[section]}
                </th>
              </tr>
              {rows.map((row) => (
                <tr key={row.id} className={row.differs && section !== 'attributes' ? 'bg-amber-50/60' : ''}>
                  <th scope="row" className={'sticky left-0 z-10 max-w-72 truncate border-b border-r border-slate-100 px-2 py-1 text-left font-medium text-slate-700 ' + (row.differs && section !== 'attributes' ? 'bg-amber-50' : 'bg-white')} title={row.id}>
                    {row.label}
                  </th>
                  {p.runs.map((r, i) => (
                    <Fragment key={r.info.run_id}>
                      <td className={td + ' max-w-64 truncate border-l border-slate-100 ' + (row.numeric ? 'text-right' : '')} title={row.values[i] === null ? undefined : String(row.values[i])}>
                        {valueText(row, i, runName)}
                      </td>
                      {deltaCols && i !== p.baseline && (
                        <>
                          <td className={td + ' text-right text-xs ' + qualityCls(row, row.delta[i] ?? null)}>{hasDelta(row) ? deltaText(row, row.delta[i] ?? null) : ''}</td>
                          <td className={td + ' text-right text-xs ' + qualityCls(row, row.delta[i] ?? null)}>{hasDelta(row) && row.delta[i] ? formatPctDelta(row.pct[i]) : ''}</td>
                        </>
                      )}
                    </Fragment>
                  ))}
                </tr>
              ))}
              {hidden > 0 && (
                <tr>
                  <td colSpan={1 + p.runs.length * (deltaCols ? 3 : 1)} className="px-2 py-2">
                    <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => showAll(section)}>
                      Show all {rows.length + hidden} {SECTION_LABEL[section].toLowerCase()}
                    </button>
                  </td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      </div>
    );
  }

  // Transposed: one row per run, keys across, Δ and %Δ beside each numeric key. The run's name heads its row, so
  // attributes only take a column when they tell the runs apart (the duration always does).
  const tSections = sections
    .map((s) => (s.section === 'attributes' ? { ...s, rows: s.rows.filter((r) => r.key === 'duration' || (r.differs && r.key !== 'run_id' && r.key !== 'start_time')) } : s))
    .filter((s) => s.rows.length > 0);
  const cols = tSections.flatMap((s) => s.rows);
  const width = (row: CompareRow) => (hasDelta(row) ? 3 : 1);
  return (
    <div className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200">
      <table className="border-separate border-spacing-0 text-sm">
        <thead className="sticky top-0 z-20">
          <tr>
            <th rowSpan={p.showDeltas ? 3 : 2} className={th + ' sticky left-0 z-30 min-w-48 border-r'}>
              Run
            </th>
            {tSections.map((s) => (
              <th key={s.section} colSpan={s.rows.reduce((n, r) => n + width(r), 0)} className={th + ' border-l border-slate-200 uppercase tracking-wide text-slate-500'}>
                {SECTION_LABEL[s.section]}
              </th>
            ))}
          </tr>
          <tr>
            {cols.map((row) => (
              <th key={row.id} colSpan={width(row)} className={th + ' max-w-48 truncate border-l border-slate-200 ' + (row.differs && row.section !== 'attributes' ? '!bg-amber-50' : '')} title={row.id}>
                {row.label}
              </th>
            ))}
          </tr>
          {p.showDeltas && (
            <tr>
              {cols.map((row) => (
                <Fragment key={row.id}>
                  <th className={th + ' border-l border-slate-200 font-normal'}>{hasDelta(row) ? 'value' : ''}</th>
                  {hasDelta(row) && (
                    <>
                      <th className={th + ' font-normal'}>Δ</th>
                      <th className={th + ' font-normal'}>%Δ</th>
                    </>
                  )}
                </Fragment>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {p.runs.map((r, i) => (
            <tr key={r.info.run_id}>
              <th scope="row" className="sticky left-0 z-10 max-w-64 border-b border-r border-slate-100 bg-white px-2 py-1 text-left font-medium">
                {runHead(r, i)}
              </th>
              {cols.map((row) => (
                <Fragment key={row.id}>
                  <td className={td + ' max-w-48 truncate border-l border-slate-100 ' + (row.numeric ? 'text-right' : '')} title={row.values[i] === null ? undefined : String(row.values[i])}>
                    {valueText(row, i, runName)}
                  </td>
                  {hasDelta(row) && (
                    <>
                      <td className={td + ' text-right text-xs ' + qualityCls(row, row.delta[i] ?? null)}>{i === p.baseline ? <span className="text-slate-400">base</span> : deltaText(row, row.delta[i] ?? null)}</td>
                      <td className={td + ' text-right text-xs ' + qualityCls(row, row.delta[i] ?? null)}>{i === p.baseline || !row.delta[i] ? '' : formatPctDelta(row.pct[i])}</td>
                    </>
                  )}
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sections.some((s) => s.hidden > 0) && (
        <p className="px-2 py-2 text-xs text-slate-500">
          Showing the first {SECTION_CAP} keys of each section.{' '}
          {sections
            .filter((s) => s.hidden > 0)
            .map((s) => (
              <button key={s.section} type="button" className="mr-2 text-brand-700 hover:underline" onClick={() => showAll(s.section)}>
                Show all {SECTION_LABEL[s.section].toLowerCase()}
              </button>
            ))}
        </p>
      )}
    </div>
  );
}
