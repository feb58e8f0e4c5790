'use client';

import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { apiFetch } from '@/lib/ui/api-client';

interface Entry {
  id: number;
  at: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export function AuditPanel() {
  const q = useQuery({ queryKey: ['audit'], queryFn: () => apiFetch<{ entries: Entry[] }>('/api/v1/audit?limit=25') });
  return (
    <Card title="Audit log" subtitle="Sign-ins, account changes and API-key events, newest first.">
      {q.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : q.isError ? (
        <p className="text-sm text-red-600">{q.error.message}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">When</th>
              <th>Who</th>
              <th>What</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {q.data.entries.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap py-1.5 text-xs text-slate-500">{new Date(e.at).toLocaleString()}</td>
                <td className="text-xs">{e.actorLabel ?? 'system'}</td>
                <td>
                  <code className="text-xs">{e.action}</code>
                </td>
                <td className="max-w-md truncate text-xs text-slate-500">{e.details ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
