// next-auth signs sessions with AUTH_SECRET. In demo mode a fresh machine has none, so one is generated once and
// kept beside the embedded database; outside demo mode lib/env.ts refuses to start without it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.AUTH_SECRET) return (cached = e.AUTH_SECRET);
  const dir = path.resolve(/* turbopackIgnore: true */ process.cwd(), '.data');
  const file = path.join(dir, 'auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    cached = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
