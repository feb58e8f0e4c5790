'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn, signOut } from './next-auth';

function safeCallback(v: FormDataEntryValue | null): string {
  const s = typeof v === 'string' ? v : '/';
  // Only same-site relative paths: an absolute URL here would be an open redirect.
  return s.startsWith('/') && !s.startsWith('//') ? s : '/';
}

export async function signInWithPassword(formData: FormData): Promise<void> {
  const callbackUrl = safeCallback(formData.get('callbackUrl'));
  try {
    await signIn('credentials', { email: formData.get('email'), password: formData.get('password'), redirectTo: callbackUrl });
  } catch (e) {
    if (e instanceof AuthError) redirect(`/login?error=${e.type}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
    throw e; // NEXT_REDIRECT on success
  }
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn('oidc', { redirectTo: safeCallback(formData.get('callbackUrl')) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
