// The full next-auth instance used by route handlers, server components and server actions.
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { clientIp } from '@/lib/api/client-ip';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findUserByEmail, touchSignIn, upsertUserByEmail } from '@/db/queries/users';
import { env } from '@/lib/env';
import { authConfig } from './config';
import { dummyHash, verifyPassword } from './passwords';
import { authSecret as secret } from './secret';

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(200) });

function providers(): NextAuthConfig['providers'] {
  const e = env();
  const list: NextAuthConfig['providers'] = [
    Credentials({
      credentials: { email: { label: 'E-mail' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const db = await getDb();
        const user = await findUserByEmail({ db, email });
        const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummyHash()), false);
        const ip = clientIp(request);
        if (!user || !ok || user.disabled) {
          await recordAudit({
            db,
            entry: { actorType: 'user', actorId: user?.id ?? null, actorLabel: email, action: 'auth.sign_in_failed', ip, details: { reason: !user || !ok ? 'bad_credentials' : 'disabled' } },
          });
          return null;
        }
        await touchSignIn({ db, id: user.id });
        await recordAudit({ db, entry: { actorType: 'user', actorId: user.id, actorLabel: user.email, action: 'auth.sign_in', ip, details: { provider: 'credentials' } } });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ];
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET) {
    list.push({
      id: 'oidc',
      name: e.AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_CLIENT_ID,
      clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: secret(),
  providers: providers(),
  events: {
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (!token?.uid) return;
      await recordAudit({
        db: await getDb(),
        entry: { actorType: 'user', actorId: token.uid, actorLabel: token.email ?? null, action: 'auth.sign_out' },
      });
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user, account }) {
      if (account?.provider === 'oidc' && user?.email) {
        // First OIDC sign-in creates the user with the configured default role; an admin can change it later.
        const db = await getDb();
        const { user: stored, created } = await upsertUserByEmail({
          db,
          user: { email: user.email, name: user.name ?? user.email, role: env().AUTH_OIDC_DEFAULT_ROLE },
        });
        if (stored.disabled) return null;
        await touchSignIn({ db, id: stored.id });
        await recordAudit({ db, entry: { actorType: 'user', actorId: stored.id, actorLabel: stored.email, action: 'auth.sign_in', details: { provider: 'oidc', created } } });
        token.uid = stored.id;
        token.role = stored.role;
        return token;
      }
      return authConfig.callbacks.jwt({ token, user });
    },
  },
}));

export function oidcEnabled(): { name: string } | null {
  const e = env();
  return e.AUTH_OIDC_ISSUER ? { name: e.AUTH_OIDC_NAME } : null;
}
