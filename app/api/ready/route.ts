import { route } from '@/lib/api/handler';
import { readiness } from '@/db/queries/readiness';
import { ApiError } from '@/lib/api/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness: the database answers and every committed migration has been applied. */
export const GET = route({ access: 'public' }, async ({ db }) => {
  const r = await readiness({ db });
  if (!r.ready) throw new ApiError('service_unavailable', `Migrations pending: ${r.applied} of ${r.expected} applied`, r);
  return { status: 'ready', ...r };
});
