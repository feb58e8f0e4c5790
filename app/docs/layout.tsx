import Link from 'next/link';
import { AppShell } from '@/components/layout/app-shell';
import { BrandMark } from '@/components/layout/brand-mark';
import { optionalUser } from '@/lib/auth/guard';
import { AREAS, hasRole } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

// Public, like FastAPI's /docs: an integrator without an account reads the API here. Signed-in users get the usual
// navigation around it.
export default async function DocsLayout({ children }: { children: React.ReactNode }) {
  const user = await optionalUser();
  if (user) {
    const areas = AREAS.filter((a) => hasRole(user.role, a.minRole)).map(({ href, label }) => ({ href, label }));
    return (
      <AppShell areas={areas} user={{ name: user.name, email: user.email, role: user.role }}>
        {children}
      </AppShell>
    );
  }
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
        <BrandMark />
        <Link href="/login?callbackUrl=%2Fdocs" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          Sign in
        </Link>
      </header>
      <main className="flex-1 px-6 py-6">{children}</main>
    </div>
  );
}
