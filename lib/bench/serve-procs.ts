// Processes for the serving benchmarks (`bench:serve`, `bench:soak`, `bench:pg-restart`): a fresh database (PGlite
// folder, or a new database on a PostgreSQL server), this product's server started the way `npm start` starts it
// (build if needed, migrate, register the shipped model, `next start`), an API key, the FastAPI + scikit-learn
// reference, and process memory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite, openPostgres, rowsOf } from '@/db/client';
import { encodeRows, type EncoderSpec } from '@/lib/ml/encoder';
import { buildDataset, DEFAULT_SPLIT, type SplitSpec } from '@/lib/ml/pipeline/dataset';
import { readModelFiles, SHIPPED_MODEL_DIR } from '@/lib/ml/pipeline/model-files';

export const ROOT = process.cwd();
export const PYTHON = '/usr/bin/python3'; // Debian's python, which sees python3-fastapi, -uvicorn and -sklearn
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// A fresh database, and the environment that points the server at it.

type Env = Record<string, string | undefined>;

export interface BenchDb {
  driver: 'pglite' | 'postgres';
  /** Scratch folder (PGlite data, artifacts, logs); removed by drop(). */
  dir: string;
  /** For the server and the CLIs; no NODE_ENV (`next start` sets production itself). */
  env: Env;
  url?: string;
  drop(): Promise<void>;
}

/** A new PGlite folder, or with `postgresUrl` a new database on that server (dropped by drop()). */
export async function freshDb(opts: { postgresUrl?: string; rateLimitPerMinute?: number } = {}): Promise<BenchDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-serve-bench-'));
  const env: Env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV')),
    ARTIFACT_ROOT: path.join(dir, 'artifacts'),
    DEMO: '0', // migrations + the shipped model only: no demo world or sweep to seed
    AUTH_SECRET: randomBytes(32).toString('base64'),
    API_RATE_LIMIT_PER_MINUTE: String(opts.rateLimitPerMinute ?? 1_000_000_000),
    NEXT_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
  };
  if (!opts.postgresUrl) {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = path.join(dir, 'pglite');
    fs.mkdirSync(env.PGLITE_DIR, { recursive: true });
    return { driver: 'pglite', dir, env, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sf_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(opts.postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(opts.postgresUrl);
  u.pathname = `/${name}`;
  env.DATABASE_URL = u.toString();
  return {
    driver: 'postgres',
    dir,
    env,
    url: env.DATABASE_URL,
    async drop() {
      const a = postgres(opts.postgresUrl!, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
      await a.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an API key with the predict scope through `npm run admin` (which also migrates the fresh database). */
export function createKey(db: BenchDb, name = 'bench'): { key: string; caller: string } {
  const out = execFileSync(TSX, ['--conditions=react-server', 'lib/cli/admin.ts', 'create-key', '--name', name, '--scopes', 'predict', '--json'], { cwd: ROOT, env: db.env as NodeJS.ProcessEnv, encoding: 'utf8' });
  const k = JSON.parse(out.trim().split('\n').at(-1)!) as { key: string };
  return { key: k.key, caller: `key:${name}` };
}

/**
 * Counts prediction_log rows matching `where` (caller, or request ids: returns rows per id). On PGlite the server must
 * be stopped first (one process per folder).
 */
export async function logCounts(db: BenchDb, where: { caller?: string; requestIds?: string[] }): Promise<{ total: number; byRequest: Map<string, number> }> {
  const h = db.driver === 'pglite' ? await openPglite(db.env.PGLITE_DIR!, { migrate: false }) : await openPostgres(db.url!, { migrate: false, max: 1 });
  try {
    const byRequest = new Map<string, number>();
    if (where.requestIds) {
      for (let i = 0; i < where.requestIds.length; i += 5000) {
        const ids = where.requestIds.slice(i, i + 5000);
        const rows = rowsOf<{ request_id: string; n: number | string }>(
          await h.db.execute(sql`select request_id, count(*) as n from prediction_log where request_id in (select json_array_elements_text(${JSON.stringify(ids)}::json)) group by request_id`),
        );
        for (const r of rows) byRequest.set(r.request_id, Number(r.n));
      }
    }
    const [c] = rowsOf<{ n: number | string }>(await h.db.execute(where.caller ? sql`select count(*) as n from prediction_log where caller = ${where.caller}` : sql`select count(*) as n from prediction_log`));
    return { total: Number(c!.n), byRequest };
  } finally {
    await h.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Process memory.

function processTable(): { pid: number; ppid: number; rssKb: number; args: string }[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), rssKb: Number(m[3]), args: m[4]! };
    });
}

/** RSS (MB) of the descendant of `root` whose command line matches `match` (the largest if several), or NaN. */
export function descendantRssMb(root: number, match: RegExp): number {
  const table = processTable();
  const kids = new Map<number, number[]>();
  for (const p of table) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p.pid]);
  const byPid = new Map(table.map((p) => [p.pid, p]));
  let best = NaN;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const p = byPid.get(pid);
    if (p && match.test(p.args)) best = Number.isNaN(best) ? p.rssKb / 1024 : Math.max(best, p.rssKb / 1024);
    stack.push(...(kids.get(pid) ?? []));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------------
// Servers.

export interface Server {
  base: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  /** RSS of the process that serves (next-server, or the Python process), MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

async function waitHttp(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}; log: ${logFile}\n${tail(logFile)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(300);
  }
  throw new Error(`${url} not ready within ${timeoutMs / 1000} s; log: ${logFile}\n${tail(logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function launch(cmd: string, args: string[], env: Env, logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', fd, fd], detached: true });
  fs.closeSync(fd);
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

/** This product's server via lib/cli/start.ts (builds first if the sources changed), ready when /api/ready answers. */
export async function startOurs(db: BenchDb, port?: number): Promise<Server> {
  port ??= await freePort();
  const logFile = path.join(db.dir, 'next.log');
  const child = launch(TSX, ['--conditions=react-server', 'lib/cli/start.ts'], { ...db.env, PORT: String(port) }, logFile);
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/api/ready`, child, logFile, 600_000).catch(async (e) => {
    await stopGroup(child);
    throw e;
  });
  return { base, port, child, logFile, rssMb: () => descendantRssMb(child.pid!, /next-server|next start/), stop: () => stopGroup(child) };
}

export interface ReferenceInfo {
  fit_seconds: number;
  rows: number;
  trees: number;
  max_leaves: number;
  workers: number;
  omp_threads: number;
  omp_threads_source: string;
  sklearn: string;
  fastapi: string;
  pydantic: string;
  uvicorn: string;
}

/**
 * The shipped model's training rows (same world, same split), encoded with its manifest, as CSV + the spec the
 * FastAPI reference needs to accept the same records and train a HistGradientBoostingClassifier of the same size.
 */
export function writeReferenceInputs(dir: string): { trainCsv: string; specJson: string } {
  const { manifest } = readModelFiles(SHIPPED_MODEL_DIR);
  const training = manifest.training as unknown as { params: Record<string, unknown>; data: { world: Record<string, unknown>; split: SplitSpec } };
  const ds = buildDataset(training.data.world, training.data.split ?? DEFAULT_SPLIT);
  const spec: EncoderSpec = { features: manifest.features };
  const x = encodeRows(spec, ds.train.records as unknown as Record<string, unknown>[]);
  const d = spec.features.length;
  const trainCsv = path.join(dir, 'train.csv');
  const lines = [[...spec.features.map((f) => f.name), 'label'].join(',')];
  for (let r = 0; r < ds.train.rows; r++) {
    const cells: string[] = [];
    for (let j = 0; j < d; j++) cells.push(Number.isNaN(x[r * d + j]!) ? '' : String(x[r * d + j]));
    cells.push(String(ds.train.y[r]));
    lines.push(cells.join(','));
  }
  fs.writeFileSync(trainCsv, lines.join('\n') + '\n');
  const p = training.params;
  const specJson = path.join(dir, 'spec.json');
  fs.writeFileSync(
    specJson,
    JSON.stringify({
      features: manifest.features,
      threshold: manifest.threshold,
      params: {
        learning_rate: p.learning_rate,
        max_iter: p.trees, // the shipped model's tree count (it early-stopped there)
        max_depth: p.max_depth ?? null,
        max_leaf_nodes: typeof p.max_leaf_nodes === 'number' ? p.max_leaf_nodes : null,
        min_samples_leaf: p.min_samples_leaf,
        l2_regularization: p.l2_regularization,
        max_bins: p.max_bins,
      },
    }),
  );
  return { trainCsv, specJson };
}

/** The FastAPI reference (lib/bench/fastapi_app.py), ready when it has trained and answers /health. */
export async function startReference(dir: string): Promise<Server & { info: ReferenceInfo }> {
  const { trainCsv, specJson } = writeReferenceInputs(dir);
  const port = await freePort();
  const logFile = path.join(dir, 'fastapi.log');
  const child = launch(PYTHON, [path.join(ROOT, 'lib/bench/fastapi_app.py'), trainCsv, specJson, '--port', String(port)], process.env, logFile);
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/health`, child, logFile, 300_000).catch(async (e) => {
    await stopGroup(child);
    throw e;
  });
  const info = JSON.parse(fs.readFileSync(logFile, 'utf8').split('\n').find((l) => l.startsWith('{'))!) as ReferenceInfo;
  return { base, port, child, logFile, info, rssMb: () => descendantRssMb(child.pid!, /fastapi_app/), stop: () => stopGroup(child) };
}
