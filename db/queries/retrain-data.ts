// The labelled production data retraining learns from: rows of the `prediction_log` view joined with churn_labels.
// A label names its prediction by (customer_id, month the prediction was made in) or by (request_id, row_index);
// when both match a row, the request's own label wins. A customer scored several times in one month counts once —
// the latest scoring (the freshest features the business had that month).
//
// Read one month at a time, and each month in pages of about PAGE_ROWS rows (by prediction_batches tuple), so memory
// stays at a month and — on PGlite, where a query runs on the web process's own thread — no single query holds the
// event loop for long. The join with the labels runs on the view (its rows, without the `features` column); the
// features come from the same tuples' value arrays, because the view builds a JSON object per row, which on PGlite
// costs ~7x reading the arrays (measured: 3k rows 500-700 ms against 80 ms).
//
// Months are calendar months in UTC (`at at time zone 'UTC'`), so the answer never depends on the database
// session's TimeZone setting (PGlite and a PostgreSQL server may differ).
import 'server-only';
import { sql } from 'drizzle-orm';
import { FEATURE_NAMES, type CustomerFeatures } from '@/lib/data/features';
import type { DatasetRecord } from '@/lib/ml/pipeline/dataset';
import { rowsOf, type Db } from '../client';

export const PAGE_ROWS = 2000;

export interface LabelledMonth {
  /** 'YYYY-MM' */
  month: string;
  /** Labelled rows after de-duplication (one per customer and month, or per request row without a customer). */
  rows: number;
  positives: number;
  /**
   * Customers (or request rows) scored that month, labelled or not: rows / predictions is the label coverage. (For a
   * month without any label, the rows logged, not de-duplicated.)
   */
  predictions: number;
}

export interface LabelledMonthData extends LabelledMonth {
  /** The labelled rows, ordered by customer then request row (stable, so training is reproducible). */
  records: DatasetRecord[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * PGlite runs a query synchronously on this thread and resolves it as a microtask, so back-to-back queries never let
 * timers or sockets run: reading a few months in one go held the event loop for 15 s (bench:retrain). A macrotask
 * turn after each page bounds a stall to one page's query.
 */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function monthBounds(month: string): { first: string; next: string } {
  if (!MONTH_RE.test(month)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, next: m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01` };
}

/** Months (UTC, 'YYYY-MM') in which `modelName` scored anything, newest first. Reads tuple headers only. */
export async function loggedMonths({ db, modelName }: { db: Db; modelName: string }): Promise<string[]> {
  const res = await db.execute(sql`
    select distinct to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM') as month
    from prediction_batches where model_name = ${modelName} order by month desc`);
  return rowsOf<{ month: string }>(res).map((r) => r.month);
}

interface KeyRow {
  batch_id: number | string;
  row_index: number;
  request_id: string;
  customer_id: string | null;
  at_ms: number | string;
  churned: boolean | null;
}

interface Kept {
  key: string;
  at: number;
  batchId: number;
  rowIndex: number;
  customerId: string | null;
  churned: boolean;
  record: Record<string, unknown> | null;
}

/** Consecutive tuples grouped into pages of about `pageRows` rows (a tuple bigger than that is a page of its own). */
function pages(tuples: { id: number; n: number }[], pageRows: number): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  let rows = 0;
  let last = 0;
  for (const t of tuples) {
    if (start !== null && rows + t.n > pageRows) {
      out.push([start, last]);
      start = null;
      rows = 0;
    }
    if (start === null) start = t.id;
    rows += t.n;
    last = t.id;
  }
  if (start !== null) out.push([start, last]);
  return out;
}

/**
 * One month's labelled rows of `modelName`'s prediction log (with `records: false`, only the counts). Each record
 * holds the model's features by name as they were sent (a feature the caller left out is null), the customer, the
 * month's first day and the outcome.
 */
export async function readLabelledMonth({ db, modelName, month, records: withRecords = true, pageRows = PAGE_ROWS }: { db: Db; modelName: string; month: string; records?: boolean; pageRows?: number }): Promise<LabelledMonthData> {
  const { first, next } = monthBounds(month);
  const from = sql`(${`${first} 00:00:00`}::timestamp at time zone 'UTC')`;
  const to = sql`(${`${next} 00:00:00`}::timestamp at time zone 'UTC')`;
  const tuples = rowsOf<{ id: number | string; n: number }>(
    await db.execute(sql`select id, n from prediction_batches where model_name = ${modelName} and at >= ${from} and at < ${to} order by id`),
  ).map((t) => ({ id: Number(t.id), n: Number(t.n) }));
  await yieldToLoop();
  // A month no label can match (the newest, whose outcomes are not known yet) is not read row by row.
  const [{ has_labels: hasLabels } = { has_labels: false }] = rowsOf<{ has_labels: boolean }>(
    await db.execute(sql`
      select exists (select 1 from churn_labels where month = ${first}::date)
          or exists (select 1 from prediction_batches b join churn_labels l on l.request_id = b.request_id
                     where b.model_name = ${modelName} and b.at >= ${from} and b.at < ${to}) as has_labels`),
  );
  if (!hasLabels) return { month, rows: 0, positives: 0, predictions: tuples.reduce((s, t) => s + t.n, 0), records: [] };

  const scored = new Set<string>();
  const kept = new Map<string, Kept>();
  for (const [lo, hi] of pages(tuples, pageRows)) {
    const keys = rowsOf<KeyRow>(
      await db.execute(sql`
        select p.batch_id, p.row_index, p.request_id, p.customer_id, (extract(epoch from p.at) * 1000)::float8 as at_ms,
               coalesce(lr.churned, lc.churned) as churned
        from prediction_log p
        left join churn_labels lr on lr.request_id = p.request_id and lr.row_index = p.row_index
        left join churn_labels lc on lc.customer_id = p.customer_id and lc.month = ${first}::date
        where p.batch_id between ${lo} and ${hi} and p.model_name = ${modelName} and p.at >= ${from} and p.at < ${to}`),
    );
    await yieldToLoop();
    const newer: Kept[] = [];
    for (const r of keys) {
      const key = r.customer_id !== null ? `c:${r.customer_id}` : `r:${r.request_id}#${r.row_index}`;
      scored.add(key);
      if (r.churned === null) continue;
      const row: Kept = { key, at: Number(r.at_ms), batchId: Number(r.batch_id), rowIndex: r.row_index, customerId: r.customer_id, churned: r.churned === true || (r.churned as unknown) === 't', record: null };
      const old = kept.get(key);
      if (old && (old.at > row.at || (old.at === row.at && (old.batchId > row.batchId || (old.batchId === row.batchId && old.rowIndex > row.rowIndex))))) continue;
      kept.set(key, row);
      newer.push(row);
    }
    if (!withRecords || newer.length === 0) continue;
    // The features of the rows kept from this page, from the tuples' arrays.
    const need = new Map<number, Kept[]>();
    for (const k of newer) {
      const list = need.get(k.batchId);
      if (list) list.push(k);
      else need.set(k.batchId, [k]);
    }
    const ids = `{${[...need.keys()].join(',')}}`;
    const res = await db.execute(sql`
      select id, array_to_json(row_indexes)::text as row_indexes, array_to_json(feature_names)::text as feature_names, features::text as features
      from prediction_batches where id = any(${ids}::bigint[])`);
    await yieldToLoop();
    for (const t of rowsOf<{ id: number | string; row_indexes: string; feature_names: string; features: string }>(res)) {
      const rowIndexes = JSON.parse(t.row_indexes) as number[];
      const names = JSON.parse(t.feature_names) as string[];
      const values = JSON.parse(t.features) as unknown[][];
      const position = new Map<number, number>();
      rowIndexes.forEach((ri, i) => position.has(ri) || position.set(ri, i));
      for (const k of need.get(Number(t.id)) ?? []) {
        const v = values[position.get(k.rowIndex)!] ?? [];
        const rec: Record<string, unknown> = {};
        names.forEach((name, j) => (rec[name] = v[j]));
        k.record = rec;
      }
    }
  }

  const rows = [...kept.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const positives = rows.reduce((s, r) => s + (r.churned ? 1 : 0), 0);
  const records: DatasetRecord[] = withRecords
    ? rows.map((r) => {
        const rec: Record<string, unknown> = {};
        for (const name of FEATURE_NAMES) rec[name] = r.record?.[name] ?? null;
        return { ...(rec as unknown as CustomerFeatures), customer_id: r.customerId, month: first, churned: r.churned };
      })
    : [];
  return { month, rows: rows.length, positives, predictions: scored.size, records };
}

/** Every month of `modelName`'s log that has labelled rows, oldest first, with its counts. */
export async function labelledMonths({ db, modelName }: { db: Db; modelName: string }): Promise<LabelledMonth[]> {
  const out: LabelledMonth[] = [];
  for (const month of await loggedMonths({ db, modelName })) {
    const { records: _none, ...m } = await readLabelledMonth({ db, modelName, month, records: false });
    if (m.rows > 0) out.push(m);
  }
  return out.reverse();
}

/** One month's labelled rows as dataset records (see readLabelledMonth). */
export async function labelledRowsOfMonth({ db, modelName, month }: { db: Db; modelName: string; month: string }): Promise<DatasetRecord[]> {
  return (await readLabelledMonth({ db, modelName, month })).records;
}
