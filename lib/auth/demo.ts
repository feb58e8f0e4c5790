import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed-users';
import { env } from '@/lib/env';

/** The demo sign-ins, shown on the sign-in page only in demo mode. */
export function demoSignIns() {
  return env().demo ? { password: DEMO_PASSWORD, users: DEMO_USERS } : null;
}
