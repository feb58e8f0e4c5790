import { actorOf } from '@/lib/api/actor';
import { route } from '@/lib/api/handler';
import { revokeKey } from '@/lib/auth/admin';
import { idParamsSchema } from '@/lib/auth/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Revokes the key (kept for the audit trail, never usable again). Repeating it is harmless. */
export const DELETE = route({ access: { role: 'admin' }, params: idParamsSchema }, async (ctx) => ({
  api_key: await revokeKey(ctx.db, actorOf(ctx), ctx.params.id),
}));
