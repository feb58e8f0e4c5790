import { getRuns } from '@/db/queries/tracking-runs';
import { route } from '@/lib/api/handler';
import { parameterImportance } from '@/lib/tracking/analysis/importance';
import { importanceQuery } from '@/lib/tracking/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Which parameters move a metric: correlation and random-forest importance over the chosen runs. */
export const GET = route({ access: { role: 'stakeholder', scopes: ['tracking', 'read'] }, query: importanceQuery }, async ({ db, query }) => {
  const runs = await getRuns({ db, ids: query.run_id });
  const rows = runs.map((r) => ({
    params: Object.fromEntries(r.params.map((p) => [p.key, p.value])),
    metric: r.metrics.find((m) => m.key === query.metric)?.value ?? null,
  }));
  return { metric: query.metric, params: parameterImportance(rows) };
});
