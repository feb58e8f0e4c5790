import { listUsers } from '@/db/queries/users';
import { actorOf } from '@/lib/api/actor';
import { json, route } from '@/lib/api/handler';
import { createUser } from '@/lib/auth/admin';
import { createUserSchema } from '@/lib/auth/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = route({ access: { role: 'admin' } }, async ({ db }) => ({ users: await listUsers({ db }) }));

export const POST = route({ access: { role: 'admin' }, body: createUserSchema }, async (ctx) =>
  json({ user: await createUser(ctx.db, actorOf(ctx), ctx.body) }, 201),
);
