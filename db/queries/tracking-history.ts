import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { BLOCK_SIZES } from './tracking-rollups';

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
 * buckets leave the database. Wide ranges read the pre-aggregated blocks (metric_rollups: a 1M-point history is
 * ~10k rows at block size 100); a zoomed range narrow enough reads the raw points, so zooming shows full detail.
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
  const rangeRes = await db.execute(sql`
    select coalesce(${lo}::bigint, min(step)) as lo, coalesce(${hi}::bigint, max(step)) as hi
    from metric_points where run_id = ${runId} and key = ${key}`);
  const range = rowsOf<{ lo: number | string | null; hi: number | string | null }>(rangeRes)[0];
  if (!range || range.lo === null || range.hi === null) return { points: [], total: 0 };
  const from = Number(range.lo);
  const to = Number(range.hi);
  const span = to - from + 1;
  // The coarsest rollup whose blocks still fit several to a bucket; below the finest, the raw points (few by then).
  const size = [...BLOCK_SIZES].reverse().find((s) => s * 2 <= span / buckets);
  const res = size
    ? await db.execute(sql`
        select ((greatest(block * ${size}::bigint, ${from}::bigint) - ${from}::bigint) * ${buckets}::bigint) / ${span}::bigint as b,
               max(last_step) as step, min(min) as min, max(max) as max, sum(count)::int as n,
               (array_agg(last_value order by last_step desc, last_timestamp desc))[1] as value
        from metric_rollups
        where run_id = ${runId} and key = ${key} and block_size = ${size} and block between ${Math.floor(from / size)} and ${Math.floor(to / size)}
        group by 1 order by 1`)
    : await db.execute(sql`
        select ((step - ${from}::bigint) * ${buckets}::bigint) / ${span}::bigint as b,
               max(step) as step,
               min(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8) as min,
               max(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8) as max,
               count(*)::int as n,
               (array_agg(value order by step desc, timestamp desc))[1] as value
        from metric_points
        where run_id = ${runId} and key = ${key} and step between ${from} and ${to}
        group by 1 order by 1`);
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
