import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';

export interface Bucket {
  step: number;
  value: number;
  min: number | null;
  max: number | null;
  count: number;
}

/**
 * One metric of one run reduced in the database to at most `buckets` points: equal-width step buckets, each giving the
 * last point (step, value) and the min/max of its finite values, the way W&B draws "full fidelity" lines. Only the
 * buckets travel to the server, so a 1M-point history costs one indexed range scan, not a million rows in JS.
 * A zoomed chart passes minStep/maxStep and gets full detail for that range.
 */
export async function bucketedHistory({
  db,
  runId,
  key,
  buckets,
  minStep,
  maxStep,
}: {
  db: Db;
  runId: string;
  key: string;
  buckets: number;
  minStep?: number;
  maxStep?: number;
}): Promise<{ points: Bucket[]; total: number }> {
  const lo = minStep ?? null;
  const hi = maxStep ?? null;
  const res = await db.execute(sql`
    with range as (
      select coalesce(${lo}::bigint, min(step)) as lo, coalesce(${hi}::bigint, max(step)) as hi
      from metric_points where run_id = ${runId} and key = ${key}
    ), pts as (
      select p.step, p.value, p.timestamp,
             case when r.hi = r.lo then 0 else floor((p.step - r.lo)::float8 * ${buckets} / (r.hi - r.lo + 1))::int end as b
      from metric_points p, range r
      where p.run_id = ${runId} and p.key = ${key} and p.step between r.lo and r.hi
    )
    select b,
           (array_agg(step order by step desc, timestamp desc))[1] as step,
           (array_agg(value order by step desc, timestamp desc))[1] as value,
           min(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8) as min,
           max(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8) as max,
           count(*)::int as n
    from pts group by b order by b`);
  const rows = rowsOf<{ step: number | string; value: number | string; min: number | string | null; max: number | string | null; n: number | string }>(res);
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v === 'NaN' ? NaN : v));
  const points = rows.map((r) => ({
    step: num(r.step),
    value: num(r.value),
    min: r.min === null ? null : num(r.min),
    max: r.max === null ? null : num(r.max),
    count: num(r.n),
  }));
  return { points, total: points.reduce((s, p) => s + p.count, 0) };
}
