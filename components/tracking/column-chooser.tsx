'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { DiscoveredColumns } from '@/lib/ui/run-columns';
import { buttonCls, inputCls } from './bits';

const GROUPS = [
  { kind: 'metrics', label: 'Metrics' },
  { kind: 'params', label: 'Params' },
  { kind: 'tags', label: 'Tags' },
] as const;

/** Shows at most this many keys per group before asking for a narrower search (12,000-key experiments exist). */
const MAX_LISTED = 300;

/** The column chooser: every param, metric and tag key of the loaded runs, searchable. */
export function ColumnChooser({
  discovered,
  chosen,
  onToggle,
  onChange,
}: {
  discovered: DiscoveredColumns;
  chosen: readonly string[];
  onToggle: (columnId: string) => void;
  /** null resets to the defaults. */
  onChange: (cols: string[] | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (panel.current && !panel.current.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const needle = q.trim().toLowerCase();
  const total = discovered.metrics.length + discovered.params.length + discovered.tags.length;

  return (
    <div className="relative">
      <button type="button" className={buttonCls} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        Columns <span className="text-xs text-slate-500">({chosen.length})</span>
      </button>
      {open && (
        <div ref={panel} role="dialog" aria-label="Choose columns" className="absolute right-0 z-30 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
          <div className="flex items-center gap-2">
            <input autoFocus aria-label="Search columns" placeholder={`Search ${total} keys`} className={inputCls + ' min-w-0 flex-1'} value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="mt-2 flex gap-2 text-xs">
            <button type="button" className="text-brand-700 hover:underline" onClick={() => onChange(null)}>
              Reset to defaults
            </button>
            <button type="button" className="text-brand-700 hover:underline" onClick={() => onChange([])}>
              Hide all
            </button>
          </div>
          <div className="mt-2 max-h-96 space-y-3 overflow-y-auto pr-1">
            {GROUPS.map((g) => {
              const keys = discovered[g.kind].filter((k) => !needle || k.toLowerCase().includes(needle));
              const shown = keys.slice(0, MAX_LISTED);
              return (
                <fieldset key={g.kind} role="group" aria-label={g.label}>
                  <legend className="mb-1 flex w-full items-center justify-between text-xs font-semibold uppercase text-slate-500">
                    {g.label} <span className="font-normal normal-case">{keys.length}</span>
                  </legend>
                  {keys.length === 0 && <p className="text-xs text-slate-400">none{needle ? ' matching' : ''}</p>}
                  {shown.map((k) => {
                    const id = `${g.kind}.${k}`;
                    return (
                      <label key={id} className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                        <input type="checkbox" checked={chosenSet.has(id)} onChange={() => onToggle(id)} />
                        <span className="truncate" title={k}>
                          {k}
                        </span>
                      </label>
                    );
                  })}
                  {keys.length > shown.length && <p className="text-xs text-slate-500">… {keys.length - shown.length} more; search to narrow down.</p>}
                </fieldset>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
