import { route } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { predictQuerySchema, predictRequestSchema } from '@/lib/serving/schemas';
import { predict, servedOrError } from '@/lib/serving/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Scores 1 to 10,000 customers with the served (@champion) model; every row is in the prediction log before this answers. */
export const POST = route(
  { access: { role: 'retention', scopes: ['predict'] }, body: predictRequestSchema, query: predictQuerySchema, maxBodyBytes: () => env().PREDICT_MAX_BODY_BYTES },
  async ({ db, body, query, requestId, principal, startedAt }) => {
    const model = await servedOrError(db);
    const out = await predict({ db, model, rows: body.customers, explain: query.explain, source: 'api', requestId, principal, startedAt });
    return { model: out.model, predictions: out.predictions };
  },
);
