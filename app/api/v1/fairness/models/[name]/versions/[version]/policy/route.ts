import { z } from 'zod';
import { listPolicies } from '@/db/queries/fairness';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { FAIRNESS_READ_ACCESS, requireVersion } from '@/lib/fairness/api';
import { applyMitigation, policyJson, withdrawMitigation } from '@/lib/fairness/mitigation';
import { policyBody } from '@/lib/fairness/schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256), version: z.coerce.number().int().positive() });
const withdrawBody = z.strictObject({ reason: z.string().trim().min(10, 'say why in at least 10 characters').max(2000) });

/** The version's threshold policies, the active one first (scoring uses it for requests that carry the attribute). */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params }, async ({ db, params: p }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  const rows = await listPolicies({ db, modelName: name, modelVersion: p.version });
  return { active: rows.find((r) => r.active) ? policyJson(rows.find((r) => r.active)!) : null, policies: rows.map(policyJson) };
});

/** Solves the per-group thresholds on the server and makes them the version's active threshold policy (audited). */
export const POST = route({ access: { role: 'data_scientist' }, params, body: policyBody }, async ({ db, params: p, body, principal, audit }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  const row = await applyMitigation({ db, name, version: p.version, r: { attribute: body.attribute, criterion: body.criterion, objective: body.objective, tolerance: body.tolerance, minGroupSize: body.min_group_size }, reason: body.reason, by: principal ? principalLabel(principal) : 'unknown' });
  await audit('fairness.policy_applied', { type: 'model_version', id: `${name}/${p.version}` }, { policy_id: row.id, attribute: row.attribute, thresholds: row.thresholds, criterion: row.criterion, objective: row.objective, reason: body.reason });
  return { policy: policyJson(row) };
});

/** Withdraws the active policy: every request is decided at the version's own threshold again (audited). */
export const DELETE = route({ access: { role: 'data_scientist' }, params, body: withdrawBody }, async ({ db, params: p, body, audit }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  const row = await withdrawMitigation(db, name, p.version);
  if (!row) throw new ApiError('not_found', `${name} v${p.version} has no active threshold policy`);
  await audit('fairness.policy_withdrawn', { type: 'model_version', id: `${name}/${p.version}` }, { policy_id: row.id, reason: body.reason });
  return { policy: policyJson(row) };
});
