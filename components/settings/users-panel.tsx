'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { apiFetch } from '@/lib/ui/api-client';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastSignInAt: string | null;
}

const input = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm';

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => apiFetch<{ users: UserRow[] }>('/api/v1/users') });
  const [error, setError] = useState<string | null>(null);
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);
  const update = useMutation({
    mutationFn: (v: { id: string; patch: Partial<Pick<UserRow, 'role' | 'disabled'>> }) => apiFetch(`/api/v1/users/${v.id}`, { method: 'PATCH', body: v.patch }),
    onSuccess: () => (setError(null), invalidate()),
    onError: (e: Error) => setError(e.message),
  });
  const create = useMutation({
    mutationFn: (body: { email: string; name: string; role: Role; password: string }) => apiFetch('/api/v1/users', { method: 'POST', body }),
    onSuccess: () => (setError(null), invalidate()),
    onError: (e: Error) => setError(e.message),
  });

  return (
    <Card title="Users" subtitle="Roles are cumulative: stakeholder < retention < data scientist < admin.">
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {users.isPending ? (
        <p className="text-sm text-slate-500">Loading users…</p>
      ) : users.isError ? (
        <p className="text-sm text-red-600">{users.error.message}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">User</th>
              <th>Role</th>
              <th>Last sign-in</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.data.users.map((u) => (
              <tr key={u.id}>
                <td className="py-2">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-slate-500">{u.email}</div>
                </td>
                <td>
                  <select
                    aria-label={`Role of ${u.email}`}
                    className={input}
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, patch: { role: e.target.value as Role } })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="text-slate-500">{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString() : 'never'}</td>
                <td>
                  {u.id === currentUserId ? (
                    <span className="text-xs text-slate-400">you</span>
                  ) : (
                    <button
                      type="button"
                      className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                      onClick={() => update.mutate({ id: u.id, patch: { disabled: !u.disabled } })}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="mt-5 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const form = e.currentTarget;
          create.mutate(
            { email: String(f.get('email')), name: String(f.get('name')), role: f.get('role') as Role, password: String(f.get('password')) },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <label className="text-xs text-slate-600">
          Name
          <input name="name" required className={input + ' block'} />
        </label>
        <label className="text-xs text-slate-600">
          E-mail
          <input name="email" type="email" required className={input + ' block'} />
        </label>
        <label className="text-xs text-slate-600">
          Role
          <select name="role" aria-label="New user role" className={input + ' block'} defaultValue="stakeholder">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Initial password
          <input name="password" type="password" minLength={10} required className={input + ' block'} />
        </label>
        <button type="submit" disabled={create.isPending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          Add user
        </button>
      </form>
    </Card>
  );
}
