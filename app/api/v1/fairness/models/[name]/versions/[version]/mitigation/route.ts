import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { FAIRNESS_READ_ACCESS, requireVersion } from '@/lib/fairness/api';
import { mitigationOptions } from '@/lib/fairness/mitigation';
import { mitigationQuery } from '@/lib/fairness/schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1).max(256), version: z.coerce.number().int().positive() });

/** Per-group thresholds that meet the criterion within the tolerance at the best profit/accuracy, and the trade-off. */
export const GET = route({ access: FAIRNESS_READ_ACCESS, params, query: mitigationQuery }, async ({ db, params: p, query: q }) => {
  const name = decodeURIComponent(p.name);
  await requireVersion(db, name, p.version);
  return mitigationOptions(db, name, p.version, { attribute: q.attribute, criterion: q.criterion, objective: q.objective, tolerance: { kind: 'ratio', lower: q.lower, upper: q.upper }, minGroupSize: q.min_group_size, month: q.month });
});
