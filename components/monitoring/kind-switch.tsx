import Link from 'next/link';
import type { WindowKind } from '@/db/monitoring-schema';

export const KIND_LABELS: Record<WindowKind, string> = { month: 'Monthly', week: 'Weekly', day: 'Daily', last_n: 'Last N predictions' };
const ORDER: WindowKind[] = ['month', 'week', 'day', 'last_n'];

/** Window size as links (?kind=), so a view can be shared and the back button works. */
export function KindSwitch({ kind, basePath, extra = {} }: { kind: WindowKind; basePath: string; extra?: Record<string, string> }) {
  return (
    <nav aria-label="Window size" className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 text-sm shadow-sm">
      {ORDER.map((k) => {
        const qs = new URLSearchParams({ ...extra, ...(k === 'month' ? {} : { kind: k }) }).toString();
        const active = k === kind;
        return (
          <Link
            key={k}
            href={qs ? `${basePath}?${qs}` : basePath}
            aria-current={active ? 'page' : undefined}
            className={'rounded-md px-3 py-1 ' + (active ? 'bg-brand-600 font-semibold text-white' : 'text-slate-600 hover:bg-slate-100')}
          >
            {KIND_LABELS[k]}
          </Link>
        );
      })}
    </nav>
  );
}

export function parseKind(v: string | string[] | undefined): WindowKind {
  const s = Array.isArray(v) ? v[0] : v;
  return s === 'week' || s === 'day' || s === 'last_n' ? s : 'month';
}
