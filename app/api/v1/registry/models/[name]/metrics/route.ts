import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { requireModel } from '@/lib/tracking/mlflow/registry-common';
import { versionMetrics } from '@/lib/ml/version-metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string().min(1) });

/** Headline metrics (val/test AUC, PR AUC, log loss, ECE) of every version, from its source run. */
export const GET = route({ access: { role: 'stakeholder', scopes: ['read', 'tracking'] }, params }, async ({ db, params: p }) => {
  const name = decodeURIComponent(p.name);
  await requireModel(db, name);
  return { versions: await versionMetrics(db, name) };
});
