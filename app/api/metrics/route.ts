import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { metrics } from '@/lib/serving/metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function tokenMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Prometheus text exposition. Open by default (scrapers sit inside the network); METRICS_TOKEN makes it ask for a bearer token. */
export const GET = route({ access: 'public', db: false }, async ({ req }) => {
  const token = env().METRICS_TOKEN;
  if (token && !tokenMatches(req.headers.get('authorization'), token)) throw new ApiError('unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"');
  const registry = metrics().registry;
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
