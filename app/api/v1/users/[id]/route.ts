import { findUserById, toPublicUser } from '@/db/queries/users';
import { actorOf } from '@/lib/api/actor';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { updateUserAccount } from '@/lib/auth/admin';
import { idParamsSchema, updateUserSchema } from '@/lib/auth/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = route({ access: { role: 'admin' }, params: idParamsSchema }, async ({ db, params }) => {
  const user = await findUserById({ db, id: params.id });
  if (!user) throw new ApiError('not_found', `No user with id ${params.id}`);
  return { user: toPublicUser(user) };
});

export const PATCH = route({ access: { role: 'admin' }, params: idParamsSchema, body: updateUserSchema }, async (ctx) => ({
  user: await updateUserAccount(ctx.db, actorOf(ctx), ctx.params.id, ctx.body),
}));
