// Opens the database once per process: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise the embedded
// PGlite in a folder on disk. Both give the same typed drizzle handle. Nothing here runs at import time, because
// `next build` evaluates route modules and must not open (or create) a database.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { acquireDirLock, type DirLock } from './lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** The raw PGlite instance (for COPY and pg-boss) when the driver is PGlite. */
  pglite?: PGlite;
  /** The raw postgres.js client when the driver is PostgreSQL. */
  sql?: postgres.Sql;
  close(): Promise<void>;
}

/** A configuration or connection problem, reported as one line to the person starting the server. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export function migrationsFolder(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'migrations');
}

export async function openPglite(dir: string, opts: { migrate?: boolean; loadDataDir?: Blob } = {}): Promise<DbHandle> {
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (dir.startsWith('memory://')) {
    // A dump of an already-migrated database (tests) opens in ~1 s instead of ~5 s for initdb and the migrations.
    pglite = opts.loadDataDir ? new PGlite(dir, { loadDataDir: opts.loadDataDir }) : new PGlite(dir);
  } else {
    const abs = path.resolve(/* turbopackIgnore: true */ process.cwd(), dir);
    fs.mkdirSync(abs, { recursive: true });
    lock = acquireDirLock(abs);
    try {
      pglite = new PGlite(abs);
      await pglite.waitReady;
    } catch (e) {
      lock.release();
      throw new DatabaseError(`Cannot open the embedded database in ${abs}: ${(e as Error).message}`);
    }
  }
  await pglite.waitReady;
  const db = drizzlePglite({ client: pglite, schema });
  if (opts.migrate !== false) await migratePglite(db, { migrationsFolder: migrationsFolder() });
  return {
    db,
    driver: 'pglite',
    pglite,
    async close() {
      await pglite.close();
      lock?.release();
    },
  };
}

function describeTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<DbHandle> {
  // postgres.js's default reconnect backoff, shared by the pool, grows as 3^failures/100 s up to 20 s: after a
  // database restart of a few seconds, queries queued on a reconnecting connection waited 10-20 s (scoring requests
  // hung well past the outage; measured by `npm run bench:pg-restart`). Capped at 1 s, they fail or run within ~1 s
  // of the database coming back.
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 5, backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1) });
  try {
    await sql`select 1`;
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ECONNREFUSED' ? 'connection refused' : err.message;
    throw new DatabaseError(`Cannot reach PostgreSQL at ${describeTarget(url)} (DATABASE_URL): ${why}`);
  }
  const db = drizzlePostgres({ client: sql, schema });
  if (opts.migrate !== false) {
    // Several replicas may start at once: an advisory lock makes them migrate one after another.
    const reserved = await sql.reserve();
    try {
      await reserved`select pg_advisory_lock(7263501)`;
      await migratePostgres(db, { migrationsFolder: migrationsFolder() });
    } finally {
      await reserved`select pg_advisory_unlock(7263501)`.catch(() => {});
      reserved.release();
    }
  }
  return {
    db,
    driver: 'postgres',
    sql,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/** Opens whatever lib/env.ts says: postgres.js for DATABASE_URL, otherwise PGlite in PGLITE_DIR. */
export async function openConfiguredDb(opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  const e = env();
  return e.DATABASE_URL ? openPostgres(e.DATABASE_URL, opts) : openPglite(e.PGLITE_DIR, opts);
}

const globalForDb = globalThis as unknown as { __streamflowDb?: Promise<DbHandle> };

/** The process-wide handle, opened (and migrated) on first use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__streamflowDb) {
    const opening = openConfiguredDb();
    // A failed open must not be cached forever: the next request tries again (e.g. after Postgres comes back).
    opening.catch(() => {
      if (globalForDb.__streamflowDb === opening) globalForDb.__streamflowDb = undefined;
    });
    globalForDb.__streamflowDb = opening;
  }
  return globalForDb.__streamflowDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests and CLIs that opened their own handle make it the process-wide one. */
export function setDbHandle(handle: DbHandle | undefined): void {
  globalForDb.__streamflowDb = handle ? Promise.resolve(handle) : undefined;
}

/** `db.execute()` returns `{rows}` on PGlite and an array on postgres.js; this gives the rows either way. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** True for a unique-constraint violation (SQLSTATE 23505), whichever driver raised it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** Which driver lib/env.ts selects, for status pages. */
export function currentDriver(): 'pglite' | 'postgres' {
  return env().driver;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '53300']);

/**
 * True when a query failed because the database is unreachable or shutting down (not because of the query): a lost
 * or refused connection, SQLSTATE class 08, or an administrator/crash shutdown. drizzle wraps driver errors, so the
 * cause chain is searched.
 */
export function isConnectionError(e: unknown): boolean {
  for (let err = e as { code?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; err = err.cause as typeof err, depth++) {
    if (err instanceof DatabaseError) return true;
    const code = typeof err.code === 'string' ? err.code : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
  }
  return false;
}
