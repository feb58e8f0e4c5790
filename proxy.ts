// Page guard. It only reads the session token and never writes a cookie: next-auth's own middleware re-issues the
// session cookie on every request, and a prefetch still in flight at sign-out would then bring the session back.
// Every /api route authenticates itself (session or API key) in lib/api/handler.ts, and pages re-check the role
// against the database in lib/auth/guard.ts.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { pageRedirect } from '@/lib/auth/page-access';
import { isRole } from '@/lib/auth/roles';
import { authSecret } from '@/lib/auth/secret';

const SECURE_COOKIE = '__Secure-authjs.session-token';

export async function proxy(req: NextRequest) {
  const secureCookie = req.cookies.has(SECURE_COOKIE);
  const token = await getToken({ req, secret: authSecret(), secureCookie }).catch(() => null);
  const role = isRole(token?.role) ? token.role : null;
  const to = pageRedirect(req.nextUrl.pathname, req.nextUrl.search, role);
  return to ? NextResponse.redirect(new URL(to, req.nextUrl)) : NextResponse.next();
}

export const config = {
  matcher: ['/((?!api/|v2(?:/|$)|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|txt)$).*)'],
};
