import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { metricRollups } from '../schema';
import type { MetricPoint } from './tracking-runs';

/** Block sizes of the pre-aggregated history, finest first. */
export const BLOCK_SIZES = [100, 10_000] as const;

type Tx = Pick<Db, 'insert' | 'execute'>;

interface Acc {
  key: string;
  blockSize: number;
  block: number;
  min: number | null;
  max: number | null;
  count: number;
  last: MetricPoint;
}

/** Folds a batch of points into the rollup blocks (same transaction as the points themselves). */
export async function updateRollups(tx: Tx, runId: string, points: MetricPoint[]): Promise<void> {
  if (!points.length) return;
  const acc = new Map<string, Acc>();
  for (const p of points) {
    for (const size of BLOCK_SIZES) {
      const block = Math.floor(p.step / size);
      const id = `${p.key}\u0000${size}\u0000${block}`;
      let a = acc.get(id);
      if (!a) acc.set(id, (a = { key: p.key, blockSize: size, block, min: null, max: null, count: 0, last: p }));
      a.count++;
      if (Number.isFinite(p.value)) {
        a.min = a.min === null ? p.value : Math.min(a.min, p.value);
        a.max = a.max === null ? p.value : Math.max(a.max, p.value);
      }
      if (p.step > a.last.step || (p.step === a.last.step && p.timestamp >= a.last.timestamp)) a.last = p;
    }
  }
  const rows = [...acc.values()];
  for (let i = 0; i < rows.length; i += 2000) {
    await tx
      .insert(metricRollups)
      .values(
        rows.slice(i, i + 2000).map((a) => ({
          runId,
          key: a.key,
          blockSize: a.blockSize,
          block: a.block,
          min: a.min,
          max: a.max,
          count: a.count,
          lastStep: a.last.step,
          lastTimestamp: a.last.timestamp,
          lastValue: a.last.value,
        })),
      )
      .onConflictDoUpdate({
        target: [metricRollups.runId, metricRollups.key, metricRollups.blockSize, metricRollups.block],
        set: {
          // LEAST/GREATEST skip NULLs, so a block that so far held only NaN takes the first finite value.
          min: sql`least(${metricRollups.min}, excluded.min)`,
          max: sql`greatest(${metricRollups.max}, excluded.max)`,
          count: sql`${metricRollups.count} + excluded.count`,
          lastStep: sql`case when (excluded.last_step, excluded.last_timestamp) >= (${metricRollups.lastStep}, ${metricRollups.lastTimestamp}) then excluded.last_step else ${metricRollups.lastStep} end`,
          lastTimestamp: sql`case when (excluded.last_step, excluded.last_timestamp) >= (${metricRollups.lastStep}, ${metricRollups.lastTimestamp}) then excluded.last_timestamp else ${metricRollups.lastTimestamp} end`,
          lastValue: sql`case when (excluded.last_step, excluded.last_timestamp) >= (${metricRollups.lastStep}, ${metricRollups.lastTimestamp}) then excluded.last_value else ${metricRollups.lastValue} end`,
        },
      });
  }
}

/** Recomputes rollups from the points — of one history, or of all — for data loaded in bulk (e.g. with COPY). */
export async function rebuildRollups({ db, runId, key }: { db: Db; runId?: string; key?: string }): Promise<void> {
  const where = runId && key ? sql`run_id = ${runId} and key = ${key}` : sql`true`;
  await db.execute(sql`delete from metric_rollups where ${where}`);
  for (const size of BLOCK_SIZES) {
    await db.execute(sql`
      insert into metric_rollups (run_id, key, block_size, block, min, max, count, last_step, last_timestamp, last_value)
      select run_id, key, ${size}, b,
             min(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8),
             max(value) filter (where value <> 'NaN'::float8 and value <> 'Infinity'::float8 and value <> '-Infinity'::float8),
             count(*), (array_agg(step order by step desc, timestamp desc))[1], (array_agg(timestamp order by step desc, timestamp desc))[1],
             (array_agg(value order by step desc, timestamp desc))[1]
      from (select run_id, key, step / ${size}::bigint as b, step, timestamp, value from metric_points where ${where}) p
      group by run_id, key, b`);
  }
}
