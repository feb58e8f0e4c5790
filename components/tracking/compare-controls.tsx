'use client';

import { useState } from 'react';
import type { DiscoveredColumns } from '@/lib/ui/run-columns';
import { buttonCls, inputCls } from './bits';

/** A labelled on/off switch (a checkbox with the switch role, so it reads as one). */
export function Switch({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-700">
      <span className={'relative inline-flex h-5 w-9 shrink-0 rounded-full transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ' + (checked ? 'bg-brand-600' : 'bg-slate-300')}>
        <input type="checkbox" role="switch" className="absolute inset-0 m-0 h-full w-full cursor-pointer opacity-0" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span aria-hidden className={'pointer-events-none absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ' + (checked ? 'left-[18px]' : 'left-0.5')} />
      </span>
      {label}
    </label>
  );
}

export function KeySelect({
  label,
  options,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      {placeholder ? <span className="sr-only">{label}</span> : label}
      <select aria-label={label} className={inputCls + ' max-w-64'} value={value} onChange={(e) => onChange(e.target.value)}>
        {(placeholder || !options.some((o) => o.value === value)) && <option value="">{placeholder ?? '—'}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Chooses the parallel-coordinates axes among params and metrics. */
export function AxisPicker({ discovered, chosen, onChange }: { discovered: DiscoveredColumns; chosen: string[]; onChange: (axes: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const groups = [
    { label: 'Params', ids: discovered.params.map((k) => `params.${k}`) },
    { label: 'Metrics', ids: discovered.metrics.map((k) => `metrics.${k}`) },
  ];
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <div className="relative">
      <button type="button" className={buttonCls} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Axes ({chosen.length})
      </button>
      {open && (
        <div role="dialog" aria-label="Choose axes" className="absolute left-0 z-30 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
          <div className="flex items-center gap-2">
            <input aria-label="Search axes" className={inputCls + ' min-w-0 flex-1'} placeholder="Search keys" value={q} onChange={(e) => setQ(e.target.value)} />
            <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
          <div className="mt-2 max-h-80 space-y-2 overflow-y-auto">
            {groups.map((g) => (
              <fieldset key={g.label} role="group" aria-label={g.label}>
                <legend className="text-xs font-semibold uppercase text-slate-500">{g.label}</legend>
                {g.ids
                  .filter((id) => !q || id.toLowerCase().includes(q.toLowerCase()))
                  .slice(0, 300)
                  .map((id) => (
                    <label key={id} className="flex items-center gap-2 px-1 py-0.5 text-sm hover:bg-slate-50">
                      <input type="checkbox" checked={chosen.includes(id)} onChange={() => toggle(id)} />
                      <span className="truncate">{id.slice(id.indexOf('.') + 1)}</span>
                    </label>
                  ))}
              </fieldset>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
