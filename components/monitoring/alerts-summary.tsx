import Link from 'next/link';
import type { OpenAlert } from '@/db/queries/monitoring-pages';
import { windowTitle } from '@/lib/monitoring/views';

const SEVERITY: Record<string, string> = {
  critical: 'bg-red-100 text-red-800 ring-red-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
  info: 'bg-slate-100 text-slate-700 ring-slate-200',
};

const windowName = (a: OpenAlert) => (a.windowKind === 'last_n' ? 'last-N window' : windowTitle(a.windowKind, { start: a.windowStart.toISOString(), predictions: 0 }));

/** Open alerts: how many, and the newest few; the full list and the rules live on /monitoring/alerts. */
export function AlertsSummary({ open, critical, latest }: { open: number; critical: number; latest: OpenAlert[] }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums text-ink">{open}</span> open alert{open === 1 ? '' : 's'}
        {critical > 0 && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">{critical} critical</span>}
      </p>
      {latest.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Latest open alerts">
          {latest.map((a) => (
            <li key={a.id} className="py-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className={'rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ' + (SEVERITY[a.severity] ?? SEVERITY.info)}>{a.severity}</span>
                <span className="font-medium text-slate-800">{a.ruleName ?? 'Deleted rule'}</span>
                <span className="text-xs text-slate-500">{windowName(a)}</span>
              </div>
              <p className="mt-0.5 text-slate-600">{a.message}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No open alerts.</p>
      )}
      <Link href="/monitoring/alerts" className="inline-block text-sm font-medium text-brand-700 hover:underline">
        All alerts, rules and webhooks →
      </Link>
    </div>
  );
}
