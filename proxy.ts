// Pages only: every /api route authenticates itself (session or API key) in lib/api/handler.ts.
export { auth as proxy } from '@/lib/auth/proxy-auth';

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|txt)$).*)'],
};
