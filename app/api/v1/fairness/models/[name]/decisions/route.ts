import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { decisionsOf, FAIRNESS_READ_ACCESS, recordDecision } from '@/lib/fairness/api';
import { decisionBody } from '@/lib/fairness/schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256) });

/** Every fairness decision record of a model, newest revision first (the newest is the one the gate enforces). */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params }, async ({ db, params: p }) => ({ decisions: await decisionsOf(db, decodeURIComponent(p.name)) }));

/** Records a new revision: criterion, convention, tolerance, rationale and rejected criteria, with the audit as evidence. */
export const POST = route({ access: { role: 'data_scientist' }, params, body: decisionBody }, async ({ db, params: p, body, principal, audit }) => {
  const name = decodeURIComponent(p.name);
  const out = await recordDecision({ db, name, body, by: principal ? principalLabel(principal) : 'unknown' });
  await audit('fairness.decision_recorded', { type: 'registered_model', id: name }, { revision: out.decision.revision, criterion: body.criterion, model_version: body.model_version, holds: out.holds });
  return out;
});
