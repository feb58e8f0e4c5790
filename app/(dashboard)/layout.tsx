import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/auth/guard';
import { AREAS, hasRole } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser('stakeholder', '/');
  const areas = AREAS.filter((a) => hasRole(user.role, a.minRole)).map(({ href, label }) => ({ href, label }));
  return (
    <AppShell areas={areas} user={{ name: user.name, email: user.email, role: user.role }}>
      {children}
    </AppShell>
  );
}
