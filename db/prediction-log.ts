// The prediction log's writer. Group commit: rows from concurrent requests wait in one queue and go to the database
// in one INSERT (one round trip, one commit); each request's promise settles only when the statement that carries
// its rows has committed, so a caller that awaits `append` never answers with a score that is not in the log.
// If the statement fails (database down), every request in it is rejected and answers 503; nothing is half-written
// because each statement is one transaction.
import { takeGroup } from '@/lib/take-group';
import type { Db, DbHandle } from './client';
import { predictionBatches, type PredictionSource } from './serving-schema';

export interface LogRow {
  requestId: string;
  rowIndex: number;
  source: PredictionSource;
  modelName: string;
  modelVersion: number;
  customerId: string | null;
  features: Record<string, unknown>;
  churnProbability: number;
  riskBand: string;
  contact: boolean;
  threshold: number;
  latencyMs: number;
  caller: string | null;
  /** When it was scored; the database's clock when left out (a backfill of earlier scoring runs sets it). */
  at?: Date;
}

interface Pending {
  rows: readonly LogRow[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface LogStats {
  /** Rows waiting for the next statement. */
  queuedRows: number;
  /** Statements in flight. */
  inFlight: number;
}

export interface GroupCommitOptions {
  /** Rows per statement at most (a request's rows are never split across statements unless it alone is bigger). */
  maxRows?: number;
  /** Statements in flight at once (PGlite has one connection: 1). */
  concurrency?: number;
  /** Called after each statement with its row count and duration (metrics). */
  onFlush?: (rows: number, ms: number, ok: boolean) => void;
}

/** Writes rows in as few statements as possible; `append` resolves once its rows are committed. */
export class GroupCommitLog {
  private queue: Pending[] = [];
  private queued = 0;
  private inFlight = 0;
  private readonly maxRows: number;
  private readonly concurrency: number;

  constructor(
    private readonly write: (rows: LogRow[]) => Promise<void>,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 20_000;
    this.concurrency = options.concurrency ?? 1;
  }

  stats(): LogStats {
    return { queuedRows: this.queued, inFlight: this.inFlight };
  }

  append(rows: readonly LogRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queued += rows.length;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const { group, size: n } = takeGroup(this.queue, this.maxRows, (p) => p.rows.length);
      this.queued -= n;
      this.inFlight += 1;
      void this.flush(group, n);
    }
  }

  private async flush(group: Pending[], n: number): Promise<void> {
    const rows = group.length === 1 ? [...group[0]!.rows] : group.flatMap((p) => p.rows);
    const t0 = performance.now();
    try {
      await this.write(rows);
      this.options.onFlush?.(n, performance.now() - t0, true);
      for (const p of group) p.resolve();
    } catch (e) {
      this.options.onFlush?.(n, performance.now() - t0, false);
      for (const p of group) p.reject(e);
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }
}

/** JSON cannot carry NaN or ±Infinity; a latency that is not finite is stored as 0. */
function finiteOr0(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

const MAX_TUPLES_PER_STATEMENT = 2000;

type Tuple = Omit<typeof predictionBatches.$inferInsert, 'features' | 'featureNames'> & { featureNames: string[]; features: unknown[][]; records: Record<string, unknown>[] };

/** Consecutive rows of the same request (same source, model, caller, threshold and latency) become one tuple. */
function toTuples(rows: readonly LogRow[]): Tuple[] {
  const tuples: Tuple[] = [];
  let cur: Tuple | null = null;
  let head: LogRow | null = null;
  for (const r of rows) {
    const same = head && cur && head.requestId === r.requestId && head.source === r.source && head.modelName === r.modelName && head.modelVersion === r.modelVersion && head.caller === r.caller && head.threshold === r.threshold && head.latencyMs === r.latencyMs && head.at?.getTime() === r.at?.getTime();
    if (!same) {
      head = r;
      cur = {
        ...(r.at ? { at: r.at } : {}),
        requestId: r.requestId, source: r.source, modelName: r.modelName, modelVersion: r.modelVersion, threshold: r.threshold, latencyMs: finiteOr0(r.latencyMs), caller: r.caller,
        n: 0, rowIndexes: [], customerIds: [], featureNames: [], features: [], records: [], probabilities: [], riskBands: [], contacts: [],
      };
      tuples.push(cur);
    }
    cur!.n += 1;
    cur!.rowIndexes.push(r.rowIndex);
    cur!.customerIds.push(r.customerId as string);
    cur!.records.push(r.features);
    cur!.probabilities.push(r.churnProbability);
    cur!.riskBands.push(r.riskBand);
    cur!.contacts.push(r.contact);
  }
  for (const t of tuples) {
    // Names in first-seen order over the tuple's rows (the scoring path sends every feature, in the model's order).
    const names = new Set<string>();
    for (const rec of t.records) for (const k of Object.keys(rec)) names.add(k);
    t.featureNames = [...names];
    t.features = t.records.map((rec) => t.featureNames.map((k) => rec[k] ?? null));
  }
  return tuples;
}

/**
 * Writes rows through drizzle on any handle, including a transaction (a batch job logs a chunk and its checkpoint in
 * one). All tuples of a call commit together.
 */
export async function insertLogRows(db: Db, rows: readonly LogRow[]): Promise<void> {
  if (rows.length === 0) return;
  const tuples = toTuples(rows).map(({ records: _records, ...t }) => t);
  if (tuples.length <= MAX_TUPLES_PER_STATEMENT) {
    await db.insert(predictionBatches).values(tuples);
    return;
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < tuples.length; i += MAX_TUPLES_PER_STATEMENT) await tx.insert(predictionBatches).values(tuples.slice(i, i + MAX_TUPLES_PER_STATEMENT));
  });
}

const COLUMNS = ['request_id', 'source', 'model_name', 'model_version', 'threshold', 'latency_ms', 'caller', 'n', 'row_indexes', 'customer_ids', 'feature_names', 'features', 'probabilities', 'risk_bands', 'contacts'];
// Arrays and JSON travel as text in PostgreSQL's own literal syntax and are cast on the server: the same statement
// then means the same thing on PGlite and postgres.js, whatever each client would infer from a JavaScript array.
const CASTS = ['text', 'text', 'text', 'int', 'float8', 'real', 'text', 'int', 'text::int[]', 'text::text[]', 'text::text[]', 'text::json', 'text::float8[]', 'text::text[]', 'text::bool[]'];

/** A PostgreSQL array literal, for sending an array as one bound text parameter cast on the server (`$1::text[]`). */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values
    .map((v) => {
      if (v === null || v === undefined) return 'NULL';
      if (typeof v === 'boolean') return v ? 't' : 'f';
      if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NaN';
      return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    })
    .join(',')}}`;
}

function statement(count: number): string {
  const values = Array.from({ length: count }, (_, t) => `(${CASTS.map((c, k) => `$${t * CASTS.length + k + 1}::${c}`).join(', ')})`);
  return `insert into prediction_batches (${COLUMNS.join(', ')}) values ${values.join(', ')}`;
}

/**
 * The serving path's writer: the driver's own client, not drizzle (on PGlite drizzle's insert costs ~4x the
 * statement itself for a one-row request). One statement per call, so a group commits together.
 */
export function rawLogInserter(handle: Pick<DbHandle, 'driver' | 'pglite' | 'sql' | 'db'>): (rows: readonly LogRow[]) => Promise<void> {
  return async (rows) => {
    if (rows.length === 0) return;
    const tuples = toTuples(rows);
    if (tuples.length > MAX_TUPLES_PER_STATEMENT) return insertLogRows(handle.db, rows);
    const params: unknown[] = [];
    for (const t of tuples) {
      params.push(t.requestId, t.source, t.modelName, t.modelVersion, t.threshold, t.latencyMs, t.caller, t.n);
      params.push(arrayLiteral(t.rowIndexes), arrayLiteral(t.customerIds), arrayLiteral(t.featureNames), JSON.stringify(t.features));
      params.push(arrayLiteral(t.probabilities), arrayLiteral(t.riskBands), arrayLiteral(t.contacts));
    }
    const text = statement(tuples.length);
    if (handle.pglite) await handle.pglite.query(text, params);
    else if (handle.sql) await handle.sql.unsafe(text, params as never[]);
    else await insertLogRows(handle.db, rows);
  };
}
