import { listApiKeys } from '@/db/queries/api-keys';
import { actorOf } from '@/lib/api/actor';
import { json, route } from '@/lib/api/handler';
import { createApiKey } from '@/lib/auth/admin';
import { createApiKeySchema } from '@/lib/auth/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = route({ access: { role: 'admin' } }, async ({ db }) => ({ api_keys: await listApiKeys({ db }) }));

/** Creates a key; the response is the only place its secret ever appears. */
export const POST = route({ access: { role: 'admin' }, body: createApiKeySchema }, async (ctx) =>
  json({ api_key: await createApiKey(ctx.db, actorOf(ctx), ctx.body) }, 201, { 'cache-control': 'no-store' }),
);
