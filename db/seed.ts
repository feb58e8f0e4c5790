// Seeds the StreamFlow demo: the generated world (customers + monthly snapshots) and one user per role.
// Idempotent: a finished seed is recorded in app_meta and never repeated; an interrupted one is wiped and redone.
import { eq, sql } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateWorld, type WorldOptions } from '@/lib/data/generator';
import type { Customer, Snapshot } from '@/lib/data/features';
import { hashPassword } from '@/lib/auth/passwords';
import { DEMO_PASSWORD, DEMO_USERS } from './seed-users';
import { createApiKey, revokeKey } from '@/lib/auth/admin';
import { mlflowClient } from '@/lib/tracking/client';
import { runDemoSweep, splitByMonth } from '@/lib/tracking/demo-sweep';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { setDbHandle, type DbHandle } from './client';
import { appMeta, users } from './schema';
export { seedShippedModel } from './seed-model';


const CUSTOMER_COLUMNS = ['customer_id', 'signup_month', 'age_band', 'gender', 'region'] as const;
const SNAPSHOT_COLUMNS = [
  'month', 'customer_id', 'tenure_months', 'plan', 'contract', 'monthly_charge', 'payment_method', 'failed_payments_90d',
  'watch_hours_30d', 'sessions_30d', 'days_since_last_login', 'devices', 'profiles', 'support_tickets_90d',
  'avg_rating_given', 'content_diversity', 'completion_rate', 'downloads_30d', 'plan_changes_12m', 'primary_device',
  'promo_used', 'autoplay_off', 'churned',
] as const;

// COPY's CSV format: an empty unquoted field is NULL. Every value here is a number, a boolean or a fixed category
// without commas or quotes, so no quoting is needed.
function field(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

function customerLine(c: Customer): string {
  return CUSTOMER_COLUMNS.map((k) => field(c[k])).join(',') + '\n';
}

function snapshotLine(s: Snapshot): string {
  return SNAPSHOT_COLUMNS.map((k) => field(s[k])).join(',') + '\n';
}

async function copyRows(handle: DbHandle, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  const copy = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  if (handle.pglite) {
    // PGlite reads COPY input from a Blob; send it in chunks so memory stays flat for large worlds.
    let chunk: string[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      await handle.pglite!.query(copy.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob(chunk) });
      chunk = [];
    };
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length >= 50_000) await flush();
    }
    await flush();
    return;
  }
  const writable = await handle.sql!.unsafe(copy).writable();
  await pipeline(Readable.from(lines, { objectMode: false }), writable);
}

function* mapIter<T>(items: Iterable<T>, f: (t: T) => string): Generator<string> {
  for (const t of items) yield f(t);
}

export interface SeedResult {
  seeded: boolean;
  customers: number;
  snapshots: number;
  ms: number;
}

export async function seedDemoWorld(handle: DbHandle, options: WorldOptions, log: (m: string) => void = () => {}): Promise<SeedResult> {
  const { db } = handle;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_world'));
  if (done) return { seeded: false, customers: 0, snapshots: 0, ms: 0 };
  const t0 = performance.now();
  const world = generateWorld(options);
  // Leftovers from an interrupted seed would collide with the new rows.
  await db.execute(sql`truncate table customer_snapshots, customers`);
  await copyRows(handle, 'customers', CUSTOMER_COLUMNS, mapIter(world.customers, customerLine));
  let snapshots = 0;
  const counted = function* () {
    for (const s of world.snapshots()) {
      snapshots++;
      if (snapshots % 100_000 === 0) log(`  ${snapshots.toLocaleString('en-US')} snapshot rows…`);
      yield snapshotLine(s);
    }
  };
  await copyRows(handle, 'customer_snapshots', SNAPSHOT_COLUMNS, counted());
  await db.execute(sql`analyze customer_snapshots`);
  await db.execute(sql`analyze customers`);
  const ms = Math.round(performance.now() - t0);
  await db.insert(appMeta).values({
    key: 'demo_world',
    value: { ...world.options, customers: world.customers.length, snapshots, months: world.months, events: world.events, seconds: ms / 1000 },
  });
  return { seeded: true, customers: world.customers.length, snapshots, ms };
}

/**
 * The demo sweep, logged through the MLflow REST API with a short-lived API key (scope `tracking`), in-process.
 * Recorded in app_meta so it runs once.
 */
export async function seedDemoSweep(handle: DbHandle, options: WorldOptions, log: (m: string) => void = () => {}): Promise<{ seeded: boolean; runs: number; ms: number }> {
  const { db } = handle;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_sweep'));
  if (done) return { seeded: false, runs: 0, ms: 0 };
  const t0 = performance.now();
  const world = generateWorld(options);
  const data = splitByMonth(world.snapshots(), world.months);
  setDbHandle(handle);
  const actor = { type: 'system' as const, id: null, label: 'demo seed' };
  const key = await createApiKey(db, actor, { name: 'demo seed (revoked after use)', scopes: ['tracking'] });
  try {
    const client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
    const r = await runDemoSweep(client, data, { user: 'ds@streamflow.test', now: Date.now, seed: options.seed ?? 42 });
    const ms = Math.round(performance.now() - t0);
    await db.insert(appMeta).values({ key: 'demo_sweep', value: { experiment_id: r.experimentId, parent_run_id: r.parentRunId, runs: r.runs, best_run_id: r.best.runId, seconds: ms / 1000 } });
    log(`Logged the demo sweep: ${r.runs} runs under one parent (best validation AUC ${r.best.valAuc.toFixed(4)}) in ${(ms / 1000).toFixed(1)} s.`);
    return { seeded: true, runs: r.runs, ms };
  } finally {
    await revokeKey(db, actor, key.id);
  }
}

/** Demo sign-ins, one per role. Only ever called in demo mode. */
export async function seedDemoUsers(handle: DbHandle): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const rows = await handle.db
    .insert(users)
    .values(DEMO_USERS.map((u) => ({ ...u, passwordHash: hash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return rows.length;
}

