// Small pieces shared by the tracking and registry pages.
import type { RunStatus } from '@/lib/ui/tracking-types';

export const inputCls = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
export const buttonCls = 'inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50';
export const primaryCls = 'inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50';

const STATUS_STYLE: Record<string, string> = {
  FINISHED: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  RUNNING: 'bg-blue-50 text-blue-700 ring-blue-200',
  FAILED: 'bg-red-50 text-red-700 ring-red-200',
  KILLED: 'bg-amber-50 text-amber-800 ring-amber-200',
  SCHEDULED: 'bg-slate-50 text-slate-600 ring-slate-200',
};

export function StatusBadge({ status }: { status: RunStatus | string }) {
  return (
    <span className={'inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ' + (STATUS_STYLE[status] ?? STATUS_STYLE.SCHEDULED)}>
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}

export function ErrorNote({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {title && <p className="font-medium">{title}</p>}
      <div>{children}</div>
    </div>
  );
}

export function LoadingBlock({ label = 'Loading…', height = 'h-40' }: { label?: string; height?: string }) {
  return (
    <div aria-busy="true" aria-label={label} className={`flex animate-pulse items-center justify-center rounded-lg bg-slate-100 text-sm text-slate-400 ${height}`}>
      {label}
    </div>
  );
}

export function Chip({ children, tone = 'slate', title }: { children: React.ReactNode; tone?: 'slate' | 'brand' | 'amber' | 'emerald'; title?: string }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    brand: 'bg-brand-50 text-brand-700 ring-1 ring-inset ring-brand-100',
    amber: 'bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200',
    emerald: 'bg-emerald-50 text-emerald-700 ring-1 ring-inset ring-emerald-200',
  };
  return (
    <span title={title} className={`inline-flex max-w-full items-center truncate rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}

/** A run id shortened for display, full id on hover. */
export function ShortId({ id }: { id: string }) {
  return (
    <code title={id} className="text-xs text-slate-500">
      {id.length > 12 ? id.slice(0, 8) + '…' : id}
    </code>
  );
}
