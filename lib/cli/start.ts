// `npm start`: validate config, build if the sources changed, migrate, seed the demo on an empty database, then
// serve with `next start` and print where to go. The build and the seed run at the same time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed-users';
import { env, rawEnv } from '@/lib/env';
import { CliError, runCli } from './common';

const root = process.cwd();
const SOURCES = ['app', 'components', 'lib', 'db', 'public', 'proxy.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function buildNeeded(): boolean {
  const id = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

function run(cmd: string, args: string[]): ChildProcess {
  return spawn(path.join(root, 'node_modules', '.bin', cmd), args, { stdio: 'inherit', env: { ...rawEnv(), NEXT_TELEMETRY_DISABLED: '1' } });
}

function done(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new CliError(`${what} failed (exit ${code})`)))),
  );
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  const t0 = Date.now();
  const e = env(); // a bad setting stops here, before anything is built or opened
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  console.log(`StreamFlow churn platform — database: ${e.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${e.PGLITE_DIR}`}`);

  const build = buildNeeded() ? (console.log('Building the app (first start or changed sources)…'), run('next', ['build'])) : null;
  // Listen for the build's exit now: a build that finishes before the seed would otherwise never be heard, and the
  // process would end silently with nothing left to wait on.
  const built = build ? done(build, 'next build') : null;
  built?.catch(() => {}); // handled below; this only keeps an early failure from being reported as unhandled
  // Migrating and seeding run in their own process, so their memory (the generated world, PGlite's WASM heap) is
  // returned to the system before the server starts, and PGlite's folder is free for the server to open.
  const prepare = spawn(process.execPath, [...process.execArgv, path.join(root, 'lib', 'cli', 'db.ts'), e.demo ? 'seed' : 'migrate'], {
    stdio: 'inherit',
    env: rawEnv(),
  });
  try {
    await done(prepare, 'preparing the database');
  } catch {
    build?.kill('SIGTERM');
    process.exit(1); // the child printed the reason
  }
  if (built) await built;

  const server = run('next', ['start', '-p', String(e.PORT), '-H', e.HOST]);
  let stopping = false;
  const stop = (sig: NodeJS.Signals) => ((stopping = true), server.kill(sig));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const exited = done(server, 'next start').catch((err) => {
    if (!stopping) throw err; // a stop we asked for is a normal end
  });
  await Promise.race([waitReady(`http://127.0.0.1:${e.PORT}/api/ready`, 120_000), exited]);
  console.log(`\nReady in ${elapsed()}: open http://localhost:${e.PORT}`);
  if (e.demo) {
    console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(15)} ${u.email}`);
  }
  await exited;
}

runCli(main);
