import type { Metadata } from 'next';
import { signInWithOidc, signInWithPassword } from '@/lib/auth/actions';
import { oidcEnabled } from '@/lib/auth/next-auth';
import { demoSignIns } from '@/lib/auth/demo';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'That e-mail and password do not match an active account.',
  AccountDisabled: 'This account is disabled or no longer exists. Ask an administrator.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { error, callbackUrl = '/' } = await searchParams;
  const oidc = oidcEnabled();
  const demo = demoSignIns();
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white">S</div>
          <h1 className="text-2xl font-semibold text-ink">StreamFlow Churn</h1>
          <p className="mt-1 text-sm text-slate-500">Sign in to the churn platform</p>
        </div>
        <form action={signInWithPassword} className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {ERRORS[error] ?? 'Sign-in failed. Try again.'}
            </p>
          )}
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <label className="block text-sm font-medium text-slate-700">
            E-mail
            <input name="email" type="email" required autoComplete="username" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500" />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            Password
            <input name="password" type="password" required autoComplete="current-password" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500" />
          </label>
          <button type="submit" className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Sign in
          </button>
        </form>
        {oidc && (
          <form action={signInWithOidc} className="mt-3">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button type="submit" className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Continue with {oidc.name}
            </button>
          </form>
        )}
        {demo && (
          <section aria-label="Demo accounts" className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white/60 p-4 text-xs text-slate-600">
            <p className="mb-2 font-medium text-slate-700">Demo mode — password for every account: <code>{demo.password}</code></p>
            <ul className="space-y-1">
              {demo.users.map((u) => (
                <li key={u.email} className="flex justify-between gap-2">
                  <code>{u.email}</code>
                  <span className="text-slate-500">{u.role}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
