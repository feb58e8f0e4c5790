'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { cellValue, columnId, columnLabel, type ColumnRef } from '@/lib/ui/run-columns';
import type { TreeRow } from '@/lib/ui/run-tree';
import { formatDuration, formatMetric, formatTimestamp, toNumber } from '@/lib/ui/tracking-format';
import type { SortDir } from '@/lib/ui/url-state';
import { StatusBadge } from './bits';

const ROW_H = 36;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 200;

interface FixedCol {
  id: string;
  label: string;
  width: number;
  sortable: boolean;
}

const KIND_LABEL = { params: 'param', metrics: 'metric', tags: 'tag', attributes: '' } as const;

export interface RunsTableProps {
  rows: TreeRow[];
  columns: ColumnRef[];
  experimentNames: Map<string, string> | null;
  order: { col: string; dir: SortDir } | null;
  onSort: (col: string) => void;
  selected: ReadonlySet<string>;
  onToggle: (runId: string) => void;
  onToggleAll: () => void;
  collapsed: ReadonlySet<string>;
  onToggleCollapse: (runId: string) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  busy: boolean;
}

function SortMark({ dir }: { dir: SortDir | null }) {
  return (
    <span aria-hidden className={'text-[10px] ' + (dir ? 'text-brand-600' : 'text-transparent')}>
      {dir === 'ASC' ? '▲' : '▼'}
    </span>
  );
}

/** The runs table: only the rows in view are in the DOM, so 10,000 runs scroll like 10. */
export function RunsTable(p: RunsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const fixed: FixedCol[] = [
    { id: 'attributes.run_name', label: 'Run name', width: 280, sortable: true },
    ...(p.experimentNames ? [{ id: 'attributes.experiment_id', label: 'Experiment', width: 180, sortable: false }] : []),
    { id: 'attributes.start_time', label: 'Created', width: 150, sortable: true },
    { id: 'attributes.status', label: 'Status', width: 96, sortable: true },
    { id: 'attributes.duration', label: 'Duration', width: 90, sortable: false },
  ];
  const dynWidth = 128;
  // Numbers line up on the right: metrics, and params whose every loaded value reads as a number.
  const numericCols = useMemo(() => {
    const numericParam = (c: ColumnRef) =>
      p.rows.every(({ run }) => {
        const v = cellValue(run, c);
        return v === null || toNumber(v) !== null;
      });
    return new Set(p.columns.filter((c) => c.kind === 'metrics' || (c.kind === 'params' && numericParam(c))).map(columnId));
  }, [p.columns, p.rows]);
  const tableWidth = 40 + fixed.reduce((s, c) => s + c.width, 0) + p.columns.length * dynWidth;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render only
  const virtualizer = useVirtualizer({ count: p.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = p;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= p.rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, p.rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const dirOf = (id: string) => (p.order?.col === id ? p.order.dir : !p.order && id === 'attributes.start_time' ? 'DESC' : null);
  const ariaSort = (id: string) => {
    const d = dirOf(id);
    return d === 'ASC' ? 'ascending' : d === 'DESC' ? 'descending' : undefined;
  };
  const allSelected = p.rows.length > 0 && p.rows.every((r) => p.selected.has(r.run.info.run_id));
  const someSelected = !allSelected && p.rows.some((r) => p.selected.has(r.run.info.run_id));
  const stickyLeft = 'sticky z-10 bg-inherit';

  return (
    <div
      ref={scroller}
      className={'relative overflow-auto rounded-b-xl transition-opacity ' + (p.busy ? 'opacity-60' : '')}
      style={{ height: 'max(420px, calc(100vh - 330px))' }}
      data-testid="runs-scroller"
    >
      <table className="table-fixed border-separate border-spacing-0 text-left text-sm" style={{ width: tableWidth }} aria-rowcount={p.rows.length + 1}>
        <colgroup>
          <col style={{ width: 40 }} />
          {fixed.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
          {p.columns.map((c) => (
            <col key={columnId(c)} style={{ width: dynWidth }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-20 bg-slate-50 text-xs text-slate-500">
          <tr aria-rowindex={1}>
            <th className={`${stickyLeft} left-0 border-b border-slate-200 bg-slate-50 px-3 py-2`}>
              <input
                type="checkbox"
                aria-label="Select all loaded runs"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={p.onToggleAll}
              />
            </th>
            {fixed.map((c, i) => (
              <th
                key={c.id}
                aria-sort={ariaSort(c.id)}
                className={'border-b border-slate-200 bg-slate-50 px-2 py-2 font-semibold uppercase ' + (i === 0 ? `${stickyLeft} left-10 border-r` : '')}
              >
                {c.sortable ? (
                  <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-800" onClick={() => p.onSort(c.id)}>
                    {c.label} <SortMark dir={dirOf(c.id)} />
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            {p.columns.map((c) => {
              const id = columnId(c);
              const numeric = numericCols.has(id);
              return (
                <th key={id} aria-sort={ariaSort(id)} className={'border-b border-slate-200 bg-slate-50 px-2 py-1 ' + (numeric ? 'text-right' : '')}>
                  <button type="button" title={`Sort by ${id}`} aria-label={`Sort by ${id}`} className={'flex w-full items-center gap-1 hover:text-slate-800 ' + (numeric ? 'justify-end' : '')} onClick={() => p.onSort(id)}>
                    <span className="flex min-w-0 flex-col leading-tight">
                      <span className="text-[10px] font-normal uppercase text-slate-400">{KIND_LABEL[c.kind]}</span>
                      <span className="truncate font-semibold normal-case text-slate-700">{columnLabel(c)}</span>
                    </span>
                    <SortMark dir={dirOf(id)} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={1 + fixed.length + p.columns.length} />
            </tr>
          )}
          {items.map((vi) => {
            const row = p.rows[vi.index]!;
            const { run } = row;
            const id = run.info.run_id;
            const sel = p.selected.has(id);
            const name = run.info.run_name || id;
            return (
              <tr key={id} aria-rowindex={vi.index + 2} style={{ height: ROW_H }} className={sel ? 'bg-brand-50' : 'bg-white hover:bg-slate-50'}>
                <td className={`${stickyLeft} left-0 border-b border-slate-100 px-3`}>
                  <input type="checkbox" aria-label={`Select run ${name}`} checked={sel} onChange={() => p.onToggle(id)} />
                </td>
                <td className={`${stickyLeft} left-10 truncate border-b border-r border-slate-100 px-2`}>
                  <div className="flex items-center gap-1" style={{ paddingLeft: row.depth * 18 }}>
                    {row.childCount > 0 ? (
                      <button
                        type="button"
                        aria-expanded={!p.collapsed.has(id)}
                        aria-label={`${p.collapsed.has(id) ? 'Expand' : 'Collapse'} ${name}`}
                        className="w-4 shrink-0 text-slate-500 hover:text-slate-900"
                        onClick={() => p.onToggleCollapse(id)}
                      >
                        {p.collapsed.has(id) ? '▸' : '▾'}
                      </button>
                    ) : (
                      <span className={'w-4 shrink-0 text-center ' + (row.depth > 0 ? 'text-slate-300' : '')} aria-hidden>
                        {row.depth > 0 ? '└' : ''}
                      </span>
                    )}
                    <Link href={`/experiments/runs/${encodeURIComponent(id)}`} className="truncate font-medium text-brand-700 hover:underline" title={name}>
                      {name}
                    </Link>
                    {row.childCount > 0 && <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] text-slate-600">{row.childCount} child runs</span>}
                    {row.orphan && <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] text-slate-500" title="Its parent run is not in this list">child</span>}
                  </div>
                </td>
                {p.experimentNames && (
                  <td className="truncate border-b border-slate-100 px-2 text-slate-600" title={run.info.experiment_id}>
                    {p.experimentNames.get(run.info.experiment_id) ?? run.info.experiment_id}
                  </td>
                )}
                <td className="truncate border-b border-slate-100 px-2 text-slate-600">{formatTimestamp(run.info.start_time)}</td>
                <td className="border-b border-slate-100 px-2">
                  <StatusBadge status={run.info.status} />
                </td>
                <td className="border-b border-slate-100 px-2 tabular-nums text-slate-600">{formatDuration(cellValue(run, { kind: 'attributes', key: 'duration' }) as number | null)}</td>
                {p.columns.map((c) => {
                  const v = cellValue(run, c);
                  const text = v === null ? '' : typeof v === 'number' ? formatMetric(v) : v;
                  const right = numericCols.has(columnId(c));
                  return (
                    <td key={columnId(c)} title={v === null ? undefined : String(v)} className={'truncate border-b border-slate-100 px-2 tabular-nums ' + (right ? 'text-right' : '')}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={1 + fixed.length + p.columns.length} />
            </tr>
          )}
        </tbody>
      </table>
      {p.rows.length === 0 && !p.busy && <p className="px-4 py-10 text-center text-sm text-slate-500">No runs match this search.</p>}
      {isFetchingNextPage && <p className="sticky left-0 px-4 py-2 text-xs text-slate-500">Loading more runs…</p>}
    </div>
  );
}
