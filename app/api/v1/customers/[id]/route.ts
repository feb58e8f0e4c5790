import { route } from '@/lib/api/handler';
import { customerParamsSchema } from '@/lib/score/schema';
import { customerLookup } from '@/lib/serving/customer-lookup';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A customer's newest monthly snapshot as a record the model scores as-is, its month, and demographics (display only). */
export const GET = route({ access: { role: 'retention', scopes: ['predict', 'read'] }, params: customerParamsSchema }, async ({ db, params }) =>
  customerLookup(db, decodeURIComponent(params.id)),
);
