import { CriticalAlertBanner } from '@/components/monitoring/critical-alert-banner';
import { signOutAction } from '@/lib/auth/actions';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { BrandMark } from './brand-mark';
import { NavLinks } from './nav-links';

export function AppShell({
  areas,
  user,
  children,
}: {
  areas: { href: string; label: string }[];
  user: { name: string; email: string; role: Role };
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-full">
      <aside className="hidden w-56 shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="px-5 py-5">
          <BrandMark />
        </div>
        <NavLinks areas={areas} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <div className="md:hidden">
            <NavLinks areas={areas} compact />
          </div>
          <div className="ml-auto flex items-center gap-4">
            <div className="text-right">
              <p className="text-sm font-medium text-slate-800">{user.name}</p>
              <p className="text-xs text-slate-500" data-testid="current-role">
                {ROLE_LABELS[user.role]}
              </p>
            </div>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
                Sign out
              </button>
            </form>
          </div>
        </header>
        <CriticalAlertBanner />
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
