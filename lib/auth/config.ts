// The database-free part of the next-auth setup: pages and the JWT/session shape. Providers live in ./next-auth.ts.
import type { NextAuthConfig } from 'next-auth';
import type {} from 'next-auth/jwt';
import { isRole, type Role } from './roles';

declare module 'next-auth' {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role; name?: string | null; email?: string | null };
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
  }
}

export const authConfig = {
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // `user` is only present at sign-in; the role then travels in the signed token.
      if (user?.id && isRole(user.role)) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) session.user = { ...session.user, id: token.uid, role: token.role };
      return session;
    },
  },
} satisfies NextAuthConfig;
