import 'server-only';
// Compiles parsed MLflow search clauses (lib/tracking/search) into SQL. Every key, string, number and LIKE
// pattern is a bound parameter: only fixed identifiers from this file are ever spliced into SQL. Metric filters and
// sorts read latest_metrics, never the point history; filters on params, tags, metrics and datasets are EXISTS
// subqueries on (run_id, key), so a run matches once however many clauses it satisfies.
import { and, asc, desc, eq, exists, gt, gte, ilike, inArray, like, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Clause, Op, OrderItem } from '@/lib/tracking/search';
import type { Db } from '../client';
import { experimentTags, experiments, latestMetrics, params, runInputs, runs, runTags } from '../schema';

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface RunSearch {
  experimentIds: number[];
  filter: Clause[];
  orderBy: OrderItem[];
  runViewType: ViewType;
  maxResults: number;
  offset: number;
}

type Operand = AnyPgColumn | SQL;

/** The run name is both a column and this tag, written together; filters and sorts read the column, which every run has. */
const RUN_NAME_TAG = 'mlflow.runName';
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

const RUN_COLUMNS: Record<string, { col: AnyPgColumn; text: boolean }> = {
  run_id: { col: runs.runId, text: true },
  run_name: { col: runs.runName, text: true },
  status: { col: runs.status, text: true },
  user_id: { col: runs.userId, text: true },
  artifact_uri: { col: runs.artifactUri, text: true },
  lifecycle_stage: { col: runs.lifecycleStage, text: true },
  start_time: { col: runs.startTime, text: false },
  end_time: { col: runs.endTime, text: false },
  experiment_id: { col: runs.experimentId, text: false },
};

const EXPERIMENT_COLUMNS: Record<string, { col: AnyPgColumn; text: boolean }> = {
  name: { col: experiments.name, text: true },
  experiment_id: { col: experiments.experimentId, text: false },
  creation_time: { col: experiments.creationTime, text: false },
  last_update_time: { col: experiments.lastUpdateTime, text: false },
};

function column(map: Record<string, { col: AnyPgColumn; text: boolean }>, key: string) {
  const c = Object.hasOwn(map, key) ? map[key] : undefined;
  if (!c) throw new Error(`Unknown search attribute '${key}'`); // the parser only lets known keys through
  return c;
}

/** `lhs <op> value` with MLflow's meaning of each operator; LIKE is case-sensitive, ILIKE is not. */
function compare(operand: Operand, op: Op, value: Clause['value']): SQL {
  // Typed as an expression for drizzle's overloads; at run time a column still encodes the value by its own type.
  const lhs = operand as SQL;
  if (op === 'IN' || op === 'NOT IN') {
    if (!Array.isArray(value) || value.length === 0) throw new Error(`${op} needs a non-empty list`);
    return op === 'IN' ? inArray(lhs, value) : notInArray(lhs, value);
  }
  if (Array.isArray(value)) throw new Error(`${op} cannot take a list`);
  switch (op) {
    case '=':
      return eq(lhs, value);
    case '!=':
      return ne(lhs, value);
    case '<':
      return lt(lhs, value);
    case '<=':
      return lte(lhs, value);
    case '>':
      return gt(lhs, value);
    case '>=':
      return gte(lhs, value);
    case 'LIKE':
      return like(lhs, String(value));
    case 'ILIKE':
      return ilike(lhs, String(value));
  }
}

function lifecycle(col: AnyPgColumn, view: ViewType): SQL | undefined {
  if (view === 'ACTIVE_ONLY') return eq(col, 'active');
  if (view === 'DELETED_ONLY') return eq(col, 'deleted');
  return undefined;
}

function existsIn(db: Db, from: PgTable, where: (SQL | undefined)[]): SQL {
  return exists(db.select({ one: sql`1` }).from(from).where(and(...where)));
}

function keyValueTable(entity: 'metric' | 'param' | 'tag') {
  return entity === 'metric' ? latestMetrics : entity === 'param' ? params : runTags;
}

/** The clause applied to the value column of its latest_metrics / params / run_tags row. */
/** Params and tags are indexed on a prefix of the value (b-tree rows can't hold MLflow's 6,000-character values). */
export const INDEXED_PREFIX = 200;

function valueCondition(value: Operand, c: Clause): SQL {
  // PostgreSQL sorts NaN above every number, so `> x` would match NaN; MLflow (like IEEE) never does.
  const notNaN = c.entity === 'metric' && (c.op === '>' || c.op === '>=') ? sql`${value} <> 'NaN'::float8` : undefined;
  // Equality on a param or tag also compares the indexed prefix, so the planner can use (key, left(value, 200)).
  const prefix =
    (c.entity === 'param' || c.entity === 'tag') && c.op === '=' && typeof c.value === 'string'
      ? sql`left(${value}, ${sql.raw(String(INDEXED_PREFIX))}) = ${c.value.slice(0, INDEXED_PREFIX)}`
      : undefined;
  return and(prefix, compare(value, c.op, c.value), notNaN)!;
}

function runFilter(db: Db, c: Clause, i: number): SQL {
  switch (c.entity) {
    case 'metric':
    case 'param':
    case 'tag': {
      if (c.entity === 'tag' && c.key === RUN_NAME_TAG) return compare(runs.runName, c.op, c.value);
      const t = alias(keyValueTable(c.entity), `f${i}`);
      return existsIn(db, t, [eq(t.runId, runs.runId), eq(t.key, c.key), valueCondition(t.value, c)]);
    }
    case 'attribute':
      return compare(column(RUN_COLUMNS, c.key).col, c.op, c.value);
    case 'dataset': {
      const d = alias(runInputs, `f${i}`);
      if (c.key === 'name' || c.key === 'digest') {
        return existsIn(db, d, [eq(d.runId, runs.runId), compare(c.key === 'name' ? d.name : d.digest, c.op, c.value)]);
      }
      if (c.key !== 'context') throw new Error(`Unknown dataset key '${c.key}'`);
      // The context is a tag on the run's input: tags is a JSON array of {key, value}.
      const tag = sql.identifier(`f${i}_tag`);
      return sql`exists (select 1 from ${runInputs} as ${sql.identifier(`f${i}`)} cross join lateral jsonb_array_elements(${d.tags}) as ${tag}(t)
        where ${d.runId} = ${runs.runId} and ${tag}.t->>'key' = ${DATASET_CONTEXT_TAG}
        and ${compare(sql`(${tag}.t->>'value')`, c.op, c.value)})`;
    }
  }
}

/**
 * ORDER BY terms for one sort key: MLflow puts runs without the value last in both directions, and NaN metrics
 * after every number but before the missing ones. Text sorts in byte order (COLLATE "C"), as MLflow's in-memory
 * sort does, so the answer does not depend on the database's default collation (PGlite's is C, a PostgreSQL
 * server's is often en_US.UTF-8). When the value can be neither missing nor NaN the rank is left out, so a plain
 * `value DESC` can be read straight off an index instead of sorting every candidate.
 */
function sortTerms(value: Operand, ascending: boolean, text: boolean, rank: 'none' | 'missing' | 'missing-nan'): SQL[] {
  const v = text ? sql`${value} collate "C"` : value;
  if (rank === 'none') return [ascending ? asc(v) : desc(v)];
  const r =
    rank === 'missing-nan'
      ? sql`case when ${value} is null then 2 when ${value} = 'NaN'::float8 then 1 else 0 end`
      : sql`case when ${value} is null then 1 else 0 end`;
  return [r, ascending ? sql`${v} asc nulls last` : sql`${v} desc nulls last`];
}

/** The filter clauses that go into the join of a key-valued sort item (so one lookup serves both). */
function sameKey(search: RunSearch, o: OrderItem): Clause[] {
  return search.filter.filter((c) => c.entity === o.entity && c.key === o.key);
}

/** True when a metric sort item can meet NaN or missing values: no same-key clause other than != rules them out. */
function metricMayBeMissing(search: RunSearch, o: OrderItem): boolean {
  return o.entity === 'metric' && !sameKey(search, o).some((c) => c.op !== '!=');
}

/** One page of run ids (plus one, to tell whether more follow); `numbersOnly` keeps runs whose first sort key is a number. */
async function runPage(db: Db, search: RunSearch, numbersOnly: boolean): Promise<string[]> {
  let q = db.select({ runId: runs.runId }).from(runs).$dynamic();
  const order: SQL[] = [];
  const joined = new Set<Clause>();
  search.orderBy.forEach((o, i) => {
    if (o.entity === 'attribute' || (o.entity === 'tag' && o.key === RUN_NAME_TAG)) {
      const c = o.entity === 'tag' ? RUN_COLUMNS.run_name! : column(RUN_COLUMNS, o.key);
      order.push(...sortTerms(c.col, o.ascending, c.text, c.col.notNull ? 'none' : 'missing'));
      return;
    }
    // (run_id, key) is the primary key of each of these tables, so the join adds at most one row per run. Filters
    // on the sort key go into the join (which then is inner): one lookup per run instead of a join plus an EXISTS.
    const t = alias(keyValueTable(o.entity), `o${i}`);
    const same = sameKey(search, o);
    same.forEach((c) => joined.add(c));
    const numbers = numbersOnly && i === 0 && o.entity === 'metric' ? sql`${t.value} < 'NaN'::float8` : undefined;
    const on = and(eq(t.runId, runs.runId), eq(t.key, o.key), ...same.map((c) => valueCondition(t.value, c)), numbers);
    q = same.length || numbers ? q.innerJoin(t, on) : q.leftJoin(t, on);
    // Every comparison but != rules NaN out (see valueCondition), and an inner join rules out missing values.
    const rank = numbers || (same.length && !metricMayBeMissing(search, o)) ? 'none' : o.entity === 'metric' ? 'missing-nan' : 'missing';
    order.push(...sortTerms(t.value, o.ascending, o.entity !== 'metric', rank));
  });
  const where = [inArray(runs.experimentId, search.experimentIds), lifecycle(runs.lifecycleStage, search.runViewType)];
  search.filter.forEach((c, i) => {
    if (!joined.has(c)) where.push(runFilter(db, c, i));
  });
  // MLflow's default and tie-breakers: newest first, then run id, so every page boundary is stable.
  if (!search.orderBy.some((o) => o.entity === 'attribute' && o.key === 'start_time')) order.push(desc(runs.startTime));
  order.push(sql`${runs.runId} collate "C" asc`);

  const rows = await q
    .where(and(...where))
    .orderBy(...order)
    .limit(search.maxResults + 1)
    .offset(search.offset);
  return rows.map((r) => r.runId);
}

export async function searchRunIds({ db, search }: { db: Db; search: RunSearch }): Promise<{ runIds: string[]; hasMore: boolean }> {
  if (search.experimentIds.length === 0) return { runIds: [], hasMore: false };
  const page = (ids: string[]) => ({ runIds: ids.slice(0, search.maxResults), hasMore: ids.length > search.maxResults });
  // Sorting by a metric puts the runs that have a number for it first. While a page lies entirely among them, the
  // query restricted to them gives the same page, and it can walk the (key, value) index in order and stop after
  // one page instead of joining and sorting every run. Only a page that reaches NaN or missing values (the query
  // returns less than a full page) needs the general query.
  const first = search.orderBy[0];
  if (first && metricMayBeMissing(search, first)) {
    const ids = await runPage(db, search, true);
    if (ids.length > search.maxResults) return page(ids);
  }
  return page(await runPage(db, search, false));
}

function experimentFilter(db: Db, c: Clause, i: number): SQL {
  if (c.entity === 'attribute') return compare(column(EXPERIMENT_COLUMNS, c.key).col, c.op, c.value);
  if (c.entity !== 'tag') throw new Error(`Experiments cannot be filtered by ${c.entity}`);
  const t = alias(experimentTags, `f${i}`);
  return existsIn(db, t, [eq(t.experimentId, experiments.experimentId), eq(t.key, c.key), compare(t.value, c.op, c.value)]);
}

export async function searchExperimentIds({
  db,
  filter,
  orderBy,
  viewType,
  maxResults,
  offset,
}: {
  db: Db;
  filter: Clause[];
  orderBy: OrderItem[];
  viewType: ViewType;
  maxResults: number;
  offset: number;
}): Promise<{ experimentIds: number[]; hasMore: boolean }> {
  const where = [lifecycle(experiments.lifecycleStage, viewType)];
  filter.forEach((c, i) => where.push(experimentFilter(db, c, i)));
  // MLflow's SQL store: newest first by default; otherwise the requested keys, then experiment_id descending.
  const items: OrderItem[] = orderBy.length
    ? [...orderBy, ...(orderBy.some((o) => o.key === 'experiment_id') ? [] : [{ entity: 'attribute' as const, key: 'experiment_id', ascending: false }])]
    : [
        { entity: 'attribute', key: 'creation_time', ascending: false },
        { entity: 'attribute', key: 'experiment_id', ascending: true },
      ];
  const order = items.map((o) => {
    if (o.entity !== 'attribute') throw new Error(`Experiments cannot be ordered by ${o.entity}`);
    const c = column(EXPERIMENT_COLUMNS, o.key);
    const v = c.text ? sql`${c.col} collate "C"` : c.col;
    return o.ascending ? asc(v) : desc(v);
  });
  const rows = await db
    .select({ id: experiments.experimentId })
    .from(experiments)
    .where(and(...where))
    .orderBy(...order)
    .limit(maxResults + 1)
    .offset(offset);
  return { experimentIds: rows.slice(0, maxResults).map((r) => r.id), hasMore: rows.length > maxResults };
}
