import 'server-only';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { updateRollups } from './tracking-rollups';
import { latestMetrics, metricPoints, params, runInputs, runs, runTags, type RunRow } from '../schema';

export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface RunWithData {
  info: RunRow;
  metrics: MetricPoint[];
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  inputs: { dataset: Record<string, unknown>; tags: { key: string; value: string }[] }[];
}

export async function insertRun({ db, run, tags }: { db: Db; run: typeof runs.$inferInsert; tags: { key: string; value: string }[] }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(runs).values(run);
    if (tags.length) await tx.insert(runTags).values(tags.map((t) => ({ runId: run.runId, ...t })));
  });
}

export async function findRun({ db, runId }: { db: Db; runId: string }): Promise<RunRow | undefined> {
  const [r] = await db.select().from(runs).where(eq(runs.runId, runId));
  return r;
}

type JsonNum = number | string;
const num = (v: JsonNum | null): number => (v === null ? NaN : typeof v === 'number' ? v : Number(v));

/**
 * Runs with their latest metrics, params, tags and inputs, in the order of `ids`: one query whatever the count, the
 * database assembling each run's lists as JSON (twice as fast as five queries for a 1000-run page), with the ids as
 * one array parameter (no 65,535-parameter ceiling).
 */
export async function getRuns({ db, ids }: { db: Db; ids: string[] }): Promise<RunWithData[]> {
  if (!ids.length) return [];
  const res = await db.execute(sql`
    select r.run_id, r.experiment_id, r.run_name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage,
           r.artifact_uri, r.parent_run_id, r.deleted_time,
      (select json_agg(json_build_array(m.key, m.value, m.timestamp, m.step) order by m.key) from latest_metrics m where m.run_id = r.run_id) as metrics,
      (select json_agg(json_build_array(p.key, p.value) order by p.key) from params p where p.run_id = r.run_id) as params,
      (select json_agg(json_build_array(t.key, t.value) order by t.key) from run_tags t where t.run_id = r.run_id) as tags,
      (select json_agg(json_build_array(i.dataset, i.tags) order by i.name, i.digest) from run_inputs i where i.run_id = r.run_id) as inputs
    from runs r where r.run_id = any(${sql.param(ids)}::text[])`);
  type Row = {
    run_id: string; experiment_id: JsonNum; run_name: string; user_id: string; status: string; start_time: JsonNum; end_time: JsonNum | null;
    lifecycle_stage: string; artifact_uri: string; parent_run_id: string | null; deleted_time: JsonNum | null;
    metrics: [string, JsonNum, JsonNum, JsonNum][] | null; params: [string, string][] | null; tags: [string, string][] | null;
    inputs: [Record<string, unknown>, { key: string; value: string }[]][] | null;
  };
  const byId = new Map<string, RunWithData>();
  for (const r of rowsOf<Row>(res)) {
    byId.set(r.run_id, {
      info: {
        runId: r.run_id, experimentId: Number(r.experiment_id), runName: r.run_name, userId: r.user_id, status: r.status,
        startTime: Number(r.start_time), endTime: r.end_time === null ? null : Number(r.end_time), lifecycleStage: r.lifecycle_stage,
        artifactUri: r.artifact_uri, parentRunId: r.parent_run_id, deletedTime: r.deleted_time === null ? null : Number(r.deleted_time),
      },
      // Non-finite floats come out of PostgreSQL's JSON as the strings "NaN", "Infinity", "-Infinity".
      metrics: (r.metrics ?? []).map(([key, value, timestamp, step]) => ({ key, value: num(value), timestamp: Number(timestamp), step: Number(step) })),
      params: (r.params ?? []).map(([key, value]) => ({ key, value })),
      tags: (r.tags ?? []).map(([key, value]) => ({ key, value })),
      inputs: (r.inputs ?? []).map(([dataset, tags]) => ({ dataset, tags })),
    });
  }
  return ids.map((id) => byId.get(id)).filter((r): r is RunWithData => !!r);
}

export async function updateRun({ db, runId, patch }: { db: Db; runId: string; patch: Partial<typeof runs.$inferInsert> }): Promise<RunRow | undefined> {
  const [r] = await db.update(runs).set(patch).where(eq(runs.runId, runId)).returning();
  return r;
}

/** MLflow orders points by (step, timestamp, value): the greatest is the run's current value. NaN sorts highest, as in PostgreSQL. */
export function newer(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(a.value)) return !Number.isNaN(b.value);
  if (Number.isNaN(b.value)) return false;
  return a.value > b.value;
}

export interface ParamConflict {
  key: string;
  old_value: string;
  new_value: string;
}

/**
 * Logs metrics, params and tags in one transaction: points appended, the latest-metric row moved forward only when a
 * point is newer, params written once (the same value again is fine; a different one is returned as a conflict and
 * nothing is written), tags overwritten.
 */
export async function logBatch({
  db,
  runId,
  metrics,
  params: ps,
  tags,
}: {
  db: Db;
  runId: string;
  metrics: MetricPoint[];
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
}): Promise<{ conflicts: ParamConflict[] }> {
  return db.transaction(async (tx) => {
    if (ps.length) {
      const conflicts: ParamConflict[] = [];
      const seen = new Map<string, string>();
      for (const p of ps) {
        const prev = seen.get(p.key);
        if (prev !== undefined && prev !== p.value) conflicts.push({ key: p.key, old_value: prev, new_value: p.value });
        seen.set(p.key, p.value);
      }
      const existing = await tx
        .select({ key: params.key, value: params.value })
        .from(params)
        .where(and(eq(params.runId, runId), inArray(params.key, [...seen.keys()])));
      for (const e of existing) {
        const v = seen.get(e.key)!;
        if (v !== e.value) conflicts.push({ key: e.key, old_value: e.value, new_value: v });
      }
      if (conflicts.length) return { conflicts };
      await tx
        .insert(params)
        .values([...seen].map(([key, value]) => ({ runId, key, value })))
        .onConflictDoNothing();
    }
    if (metrics.length) {
      // One statement with five array parameters instead of 5 × N bind parameters: far less to parse and plan.
      // Values travel as text so NaN and ±Infinity arrive as PostgreSQL's own spellings.
      await tx.execute(sql`
        insert into metric_points (run_id, key, value, timestamp, step)
        select ${runId}, k, v::float8, t, s
        from unnest(${sql.param(metrics.map((m) => m.key))}::text[], ${sql.param(metrics.map((m) => String(m.value)))}::text[],
                    ${sql.param(metrics.map((m) => m.timestamp))}::int8[], ${sql.param(metrics.map((m) => m.step))}::int8[]) as u(k, v, t, s)`);
      await updateRollups(tx, runId, metrics);
      const newest = new Map<string, MetricPoint>();
      for (const m of metrics) {
        const cur = newest.get(m.key);
        if (!cur || newer(m, cur)) newest.set(m.key, m);
      }
      await tx
        .insert(latestMetrics)
        .values([...newest.values()].map((m) => ({ runId, ...m })))
        .onConflictDoUpdate({
          target: [latestMetrics.runId, latestMetrics.key],
          set: { value: sql`excluded.value`, timestamp: sql`excluded.timestamp`, step: sql`excluded.step` },
          setWhere: sql`(excluded.step, excluded.timestamp, excluded.value) > (${latestMetrics.step}, ${latestMetrics.timestamp}, ${latestMetrics.value})`,
        });
    }
    if (tags.length) {
      const last = new Map(tags.map((t) => [t.key, t.value])); // last write wins within a batch too
      await tx
        .insert(runTags)
        .values([...last].map(([key, value]) => ({ runId, key, value })))
        .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: sql`excluded.value` } });
      const parent = last.get('mlflow.parentRunId');
      const name = last.get('mlflow.runName');
      if (parent !== undefined || name !== undefined) {
        await tx
          .update(runs)
          .set({ ...(parent !== undefined ? { parentRunId: parent } : {}), ...(name !== undefined ? { runName: name } : {}) })
          .where(eq(runs.runId, runId));
      }
    }
    return { conflicts: [] };
  });
}

export async function deleteRunTag({ db, runId, key }: { db: Db; runId: string; key: string }): Promise<boolean> {
  const rows = await db
    .delete(runTags)
    .where(and(eq(runTags.runId, runId), eq(runTags.key, key)))
    .returning({ key: runTags.key });
  if (rows.length && key === 'mlflow.parentRunId') await db.update(runs).set({ parentRunId: null }).where(eq(runs.runId, runId));
  return rows.length > 0;
}

export async function logInputs({
  db,
  runId,
  datasets,
}: {
  db: Db;
  runId: string;
  datasets: { dataset: Record<string, unknown> & { name: string; digest: string }; tags: { key: string; value: string }[] }[];
}): Promise<void> {
  if (!datasets.length) return;
  // The same dataset twice in one request is one input whose tags are merged (one row can't be upserted twice).
  const merged = new Map<string, (typeof datasets)[number]>();
  for (const d of datasets) {
    const id = `${d.dataset.name}\u0000${d.dataset.digest}`;
    const prev = merged.get(id);
    merged.set(id, prev ? { dataset: d.dataset, tags: [...prev.tags.filter((t) => !d.tags.some((u) => u.key === t.key)), ...d.tags] } : d);
  }
  await db
    .insert(runInputs)
    .values([...merged.values()].map((d) => ({ runId, name: d.dataset.name, digest: d.dataset.digest, dataset: d.dataset, tags: d.tags })))
    .onConflictDoUpdate({ target: [runInputs.runId, runInputs.name, runInputs.digest], set: { tags: sql`excluded.tags`, dataset: sql`excluded.dataset` } });
}

/** One metric's points in (step, timestamp) order, paged by the point id after the last one returned. */
export async function metricHistory({
  db,
  runId,
  key,
  limit,
  afterId,
}: {
  db: Db;
  runId: string;
  key: string;
  limit: number;
  afterId?: number;
}): Promise<(MetricPoint & { id: number })[]> {
  return db
    .select({ id: metricPoints.id, key: metricPoints.key, value: metricPoints.value, timestamp: metricPoints.timestamp, step: metricPoints.step })
    .from(metricPoints)
    .where(and(eq(metricPoints.runId, runId), eq(metricPoints.key, key), afterId ? gt(metricPoints.id, afterId) : undefined))
    .orderBy(asc(metricPoints.id))
    .limit(limit);
}
