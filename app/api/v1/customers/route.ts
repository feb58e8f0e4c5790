import { customerIdsByPrefix } from '@/db/queries/customers';
import { route } from '@/lib/api/handler';
import { customerSearchSchema } from '@/lib/score/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Customer ids starting with `q` (an autocomplete for the scoring form), in id order. */
export const GET = route({ access: { role: 'retention', scopes: ['predict', 'read'] }, query: customerSearchSchema }, async ({ db, query }) => ({
  customer_ids: await customerIdsByPrefix({ db, prefix: query.q, limit: query.limit }),
}));
