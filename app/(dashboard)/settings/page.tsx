import type { Metadata } from 'next';
import { ApiKeysPanel } from '@/components/settings/api-keys-panel';
import { AuditPanel } from '@/components/settings/audit-panel';
import { UsersPanel } from '@/components/settings/users-panel';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';
import { ROLE_LABELS, SCOPE_DESCRIPTIONS } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const user = await requirePage('/settings');
  return (
    <>
      <PageHeader title="Settings" description={user.role === 'admin' ? 'Your account, users, API keys and the audit log.' : 'Your account.'} />
      <div className="space-y-6">
        <Card title="Your account">
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium">{user.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">E-mail</dt>
              <dd className="font-medium">{user.email}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Role</dt>
              <dd className="font-medium">{ROLE_LABELS[user.role]}</dd>
            </div>
          </dl>
        </Card>
        {user.role === 'admin' && (
          <>
            <UsersPanel currentUserId={user.id} />
            <ApiKeysPanel scopeDescriptions={SCOPE_DESCRIPTIONS} />
            <AuditPanel />
          </>
        )}
      </div>
    </>
  );
}
