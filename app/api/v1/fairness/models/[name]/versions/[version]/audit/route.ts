import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { FAIRNESS_READ_ACCESS, requireVersion } from '@/lib/fairness/api';
import { versionAuditQuery } from '@/lib/fairness/schemas';
import { auditVersion } from '@/lib/fairness/version-audit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256), version: z.coerce.number().int().positive() });

/** A version's audit on its test month (or ?month=YYYY-MM of logged, labelled predictions), with bootstrap CIs. */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params, query: versionAuditQuery }, async ({ db, params: p, query }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  return auditVersion(db, name, p.version, { month: query.month, bootstrap: query.bootstrap, seed: query.seed, minGroupSize: query.min_group_size, applyPolicy: query.threshold_policy === 'active' });
});
