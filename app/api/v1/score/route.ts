import { route } from '@/lib/api/handler';
import { scoreRequestSchema } from '@/lib/score/schema';
import { scoreForm } from '@/lib/serving/form-score';
import { servedOrError } from '@/lib/serving/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The scoring form (signed-in people only; integrations use POST /api/v1/predict): scores a record, and its what-if
 * variant when given, with reasons and the recommended action. Both rows are logged with source 'form'.
 */
export const POST = route({ access: { role: 'retention' }, body: scoreRequestSchema }, async ({ db, body, requestId, principal, startedAt }) => {
  const model = await servedOrError(db);
  return scoreForm({ db, model, record: body.record, whatIf: body.what_if, requestId, principal, startedAt });
});
