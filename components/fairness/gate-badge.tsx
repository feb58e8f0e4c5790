import type { GateCheck } from '@/lib/fairness/gate';

const STYLE: Record<GateCheck['status'], { label: string; cls: string }> = {
  pass: { label: 'Passes', cls: 'text-emerald-700' },
  fail: { label: 'Blocks promotion', cls: 'text-red-700' },
  no_data: { label: 'Cannot check', cls: 'text-amber-700' },
  no_decision: { label: 'No criterion', cls: 'text-slate-600' },
};

/** What the promotion gate would say if this version were promoted to @champion now. */
export function GateBadge({ gate }: { gate: GateCheck }) {
  const s = STYLE[gate.status];
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="gate-status">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Promotion gate</p>
      <p className={'mt-2 text-2xl font-semibold ' + s.cls}>{s.label}</p>
      <p className="mt-1 line-clamp-3 text-xs text-slate-500" title={gate.message}>
        {gate.message}
      </p>
    </div>
  );
}
