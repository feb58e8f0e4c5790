'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { SCOPES, type Scope } from '@/lib/auth/roles';
import { apiFetch } from '@/lib/ui/api-client';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  createdByEmail: string | null;
}

export function ApiKeysPanel({ scopeDescriptions }: { scopeDescriptions: Record<Scope, string> }) {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => apiFetch<{ api_keys: KeyRow[] }>('/api/v1/api-keys') });
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: ['api-keys'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: string[] }) => apiFetch<{ api_key: { name: string; key: string } }>('/api/v1/api-keys', { method: 'POST', body }),
    onSuccess: (r) => (setCreated(r.api_key), setError(null), invalidate()),
    onError: (e: Error) => setError(e.message),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(),
    onError: (e: Error) => setError(e.message),
  });

  return (
    <Card title="API keys" subtitle='External systems send a key as "Authorization: Bearer <key>". Each key carries only the scopes it needs.'>
      {created && (
        <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="font-medium text-emerald-800">Key “{created.name}” created. Copy it now: it is shown only once.</p>
          <code data-testid="new-api-key" className="mt-2 block break-all rounded bg-white px-2 py-1 text-xs text-slate-800">
            {created.key}
          </code>
        </div>
      )}
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <form
        className="mb-5 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({ name: String(f.get('name')), scopes: f.getAll('scopes').map(String) });
        }}
      >
        <label className="block text-xs text-slate-600">
          Key name
          <input name="name" required placeholder="e.g. CRM nightly scoring" className="mt-1 block w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </label>
        <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <legend className="mb-1 text-xs text-slate-600">Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-1.5" title={scopeDescriptions[s]}>
              <input type="checkbox" name="scopes" value={s} /> {s}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          Create key
        </button>
      </form>
      {keys.isPending ? (
        <p className="text-sm text-slate-500">Loading keys…</p>
      ) : keys.isError ? (
        <p className="text-sm text-red-600">{keys.error.message}</p>
      ) : keys.data.api_keys.length === 0 ? (
        <p className="text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.data.api_keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'text-slate-400' : ''}>
                <td className="py-2 font-medium">{k.name}</td>
                <td>
                  <code className="text-xs">{k.prefix}…</code>
                </td>
                <td className="text-xs">{k.scopes.join(', ')}</td>
                <td className="text-xs">{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
                <td className="text-right">
                  {k.revokedAt ? (
                    <span className="text-xs">revoked</span>
                  ) : (
                    <button type="button" className="rounded-md border border-red-200 px-2 py-1 text-xs text-red-700 hover:bg-red-50" onClick={() => revoke.mutate(k.id)}>
                      Revoke {k.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
