'use client';

// On every dashboard page: a red strip while critical alerts are open, linking to the alerts page. Polls once a
// minute; a caller who may not read alerts (or any error) simply sees nothing.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

async function openCritical(): Promise<number> {
  const res = await fetch('/api/v1/monitoring/alerts?status=open&severity=critical&limit=1');
  if (!res.ok) return 0;
  const body = (await res.json().catch(() => null)) as { total?: number } | null;
  return typeof body?.total === 'number' ? body.total : 0;
}

export function CriticalAlertBanner() {
  const q = useQuery({ queryKey: ['critical-alerts'], queryFn: openCritical, refetchInterval: 60_000, staleTime: 30_000, retry: false });
  const n = q.data ?? 0;
  if (n === 0) return null;
  return (
    // A landmark rather than a live region: it is on every page while the alerts stay open, and announcing it on each
    // navigation would drown the page's own status messages.
    <aside aria-label="Critical alerts" className="border-b border-red-200 bg-red-50 px-6 py-2 text-sm text-red-800">
      <span aria-hidden="true" className="mr-2 inline-block size-2 rounded-full bg-red-600 align-middle" />
      <strong>{n}</strong> critical alert{n === 1 ? '' : 's'} open —{' '}
      <Link href="/monitoring/alerts" className="font-semibold underline underline-offset-2 hover:text-red-900">
        review
      </Link>
    </aside>
  );
}
