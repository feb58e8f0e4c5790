// API keys: 32 random bytes, shown once, stored as SHA-256. A fixed prefix lets secret scanners recognise leaked keys.
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'sfk_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX) && /^[A-Za-z0-9_-]{40,60}$/.test(token.slice(KEY_PREFIX.length));
}
