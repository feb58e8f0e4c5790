import { hasRole, minRoleForPath, type Role } from './roles';

// The API docs are public like FastAPI's /docs: an integrator reads them before having an account.
const PUBLIC_PATHS = ['/login', '/docs'];

/** Where a page request should go instead, or null to let it through. Pure, so the rules are unit-tested. */
export function pageRedirect(pathname: string, search: string, role: Role | null): string | null {
  if (PUBLIC_PATHS.includes(pathname)) return null;
  // A relative callback URL: next-auth's default absolute one points at localhost whatever the real host is.
  if (!role) return `/login?callbackUrl=${encodeURIComponent(pathname + search)}`;
  if (!hasRole(role, minRoleForPath(pathname))) return `/?denied=${encodeURIComponent(pathname)}`;
  return null;
}
