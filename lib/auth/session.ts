// The signed-in user's id from the next-auth session cookie (or null). Kept apart so tests can replace it, and
// next-auth is loaded only when a request has no Authorization header: command-line tools that call the API
// handlers in-process with an API key (the demo seed) then never load Next's request-bound modules.
export async function sessionUserId(): Promise<string | null> {
  const { auth } = await import('./next-auth');
  const session = await auth();
  return session?.user?.id ?? null;
}
