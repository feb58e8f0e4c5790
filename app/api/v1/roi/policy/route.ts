import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { policyJson, roiPolicies, saveRoiPolicy, withdrawRoiPolicy } from '@/lib/roi/policy';
import { roiPolicyBody, withdrawBody } from '@/lib/roi/policy-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The active ROI policy (what scoring decides with) and every earlier revision. */
export const GET = route({ access: { role: 'stakeholder', scopes: ['read', 'roi'] } }, async ({ db }) => roiPolicies(db));

/** Saves a new revision (threshold or top-k, with the inputs it was chosen under) and makes it the decision. Audited. */
export const POST = route({ access: { role: 'data_scientist' }, body: roiPolicyBody }, async ({ db, body, principal, audit }) => {
  const row = await saveRoiPolicy({ db, body, by: principal ? principalLabel(principal) : 'unknown' });
  await audit('roi.policy_saved', { type: 'roi_policy', id: String(row.revision) }, { kind: row.kind, threshold: row.threshold, top_k: row.topK, reason: body.reason });
  return { policy: policyJson(row) };
});

/** Withdraws the active policy: scoring decides at each version's own threshold again. Audited. */
export const DELETE = route({ access: { role: 'data_scientist' }, body: withdrawBody }, async ({ db, body, audit }) => {
  const row = await withdrawRoiPolicy(db);
  if (!row) throw new ApiError('not_found', 'There is no active ROI policy');
  await audit('roi.policy_withdrawn', { type: 'roi_policy', id: String(row.revision) }, { reason: body.reason });
  return { policy: policyJson(row) };
});
