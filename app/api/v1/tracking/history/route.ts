import { bucketedHistory } from '@/db/queries/tracking-history';
import { route } from '@/lib/api/handler';
import { historyQuery } from '@/lib/tracking/schema';
import { encodeMetricValue } from '@/lib/tracking/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Metric histories for charts, reduced in the database to ≤ max_points buckets per run (min/max/last per bucket). */
export const GET = route({ access: { role: 'stakeholder', scopes: ['tracking', 'read'] }, query: historyQuery }, async ({ db, query }) => {
  const series = await Promise.all(
    query.run_id.map(async (runId) => {
      const { points, total } = await bucketedHistory({ db, runId, key: query.key, buckets: query.max_points, minStep: query.min_step, maxStep: query.max_step });
      return { run_id: runId, total_points: total, points: points.map((p) => ({ ...p, value: encodeMetricValue(p.value) })) };
    }),
  );
  return { key: query.key, series };
});
