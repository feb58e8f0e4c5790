// The signed-in user's id from the next-auth session cookie (or null). Kept apart so tests can replace it.
import { auth } from './next-auth';

export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
