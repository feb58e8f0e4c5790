// The part of the next-auth setup that the proxy also loads: pages, JWT/session shape and the page guard.
// It imports no database code, so the proxy stays light; providers live in ./next-auth.ts.
import type { NextAuthConfig } from 'next-auth';
import type {} from 'next-auth/jwt';
import { hasRole, isRole, minRoleForPath, type Role } from './roles';

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

const PUBLIC_PATHS = ['/login'];

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
    authorized({ auth, request: { nextUrl } }) {
      const path = nextUrl.pathname;
      if (PUBLIC_PATHS.includes(path)) return true;
      if (!auth?.user?.role) {
        // A relative callback URL: next-auth's default absolute one points at localhost whatever the real host is.
        const to = new URL('/login', nextUrl);
        to.searchParams.set('callbackUrl', path + nextUrl.search);
        return Response.redirect(to);
      }
      if (!hasRole(auth.user.role, minRoleForPath(path))) {
        const to = new URL('/', nextUrl);
        to.searchParams.set('denied', path);
        return Response.redirect(to);
      }
      return true;
    },
  },
} satisfies NextAuthConfig;
