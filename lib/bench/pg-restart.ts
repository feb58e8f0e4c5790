// `npm run bench:pg-restart [-- --duration 30] [--restart-at 10] [--down 3] [--after 10] [--rate 100] [--concurrency 16]
//   [--rows 3] [--system-cluster] [--keep]`: this product's server on real PostgreSQL (a fresh database), scored at a steady rate by a
// client that records every response (status, its own x-request-id, Retry-After), while PostgreSQL is restarted
// (fast shutdown, `--down` seconds stopped, started again).
// Then: every 200 must have all its rows in prediction_log (queried by request id), every other answer must be a 503
// with Retry-After, and requests must succeed again after the restart without restarting the app.
// By default the PostgreSQL that restarts is a throwaway cluster of the installed version (initdb in a temp folder,
// its own port), so nobody else's connections on the machine are cut; --system-cluster restarts the machine's
// `<version> main` cluster (127.0.0.1:5432) with `pg_ctlcluster` instead.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { flags, mark, records } from './serve-load';
import { createKey, freePort, freshDb, logCounts, startOurs, type BenchDb, type Server } from './serve-procs';

interface Outcome {
  id: string;
  sentAt: number;
  ms: number;
  status: number; // 0: no HTTP answer (connection error or timeout)
  retryAfter: string | null;
  error?: string;
}

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pgVersion = () => fs.readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a))[0]!;

/** A PostgreSQL cluster to restart: a throwaway one (default) or the machine's main cluster. */
async function postgresUnderTest(system: boolean): Promise<{ adminUrl: string; stop(): Promise<void>; start(): Promise<void>; cleanup(keep?: boolean): void }> {
  const ver = pgVersion();
  if (system) {
    return {
      adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      stop: async () => void (await run('pg_ctlcluster', ['--skip-systemctl-redirect', ver, 'main', 'stop'])), // fast mode by default
      start: async () => void (await run('pg_ctlcluster', ['--skip-systemctl-redirect', ver, 'main', 'start'])),
      cleanup: () => {},
    };
  }
  const bin = `/usr/lib/postgresql/${ver}/bin`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-pg-restart-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('chown', ['postgres', dir]);
  asPostgres('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const ctlArgs = (...args: string[]) => ['-u', 'postgres', '--', `${bin}/pg_ctl`, '-D', `${dir}/data`, '-l', `${dir}/postgres.log`, '-w', ...args];
  const pgctl = (...args: string[]) => execFileSync('runuser', ctlArgs(...args), { stdio: ['ignore', 'ignore', 'inherit'] });
  const pgctlAsync = async (...args: string[]) => void (await run('runuser', ctlArgs(...args)));
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  pgctl('-o', opts, 'start');
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => pgctlAsync('-m', 'fast', 'stop'),
    start: () => pgctlAsync('-o', opts, 'start'),
    cleanup: (keep = false) => {
      try {
        pgctl('-m', 'immediate', 'stop');
      } catch {
        /* already stopped */
      }
      if (keep) console.log(`kept the PostgreSQL log: ${dir}/postgres.log`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const f = flags();
  const seconds = Number(f.get('duration') ?? 30);
  const restartAt = Number(f.get('restart-at') ?? 10);
  const rate = Number(f.get('rate') ?? 100);
  const concurrency = Number(f.get('concurrency') ?? 16);
  const rows = Number(f.get('rows') ?? 3);
  const downS = Number(f.get('down') ?? 3);
  const pg = await postgresUnderTest(f.has('system-cluster'));
  let db: BenchDb | undefined;
  let ours: Server | undefined;
  try {
    db = await freshDb({ postgresUrl: pg.adminUrl });
    const { key } = createKey(db);
    ours = await startOurs(db);
    const url = `${ours.base}/api/v1/predict`;
    const body = JSON.stringify({ customers: records(rows) });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    for (let i = 0; i < 20; i++) await fetch(url, { method: 'POST', headers: { ...headers, 'x-request-id': `warm-${i}` }, body }); // warm-up

    console.log(`PostgreSQL ${pgVersion()} restart under load: ${rate} req/s of ${rows}-row predicts (≤ ${concurrency} in flight) for ${seconds} s; restart at ${restartAt} s, down for ${downS} s (${f.has('system-cluster') ? 'the machine\'s main cluster' : 'a throwaway cluster'}).`);
    const out: Outcome[] = [];
    const t0 = performance.now();
    const now = () => (performance.now() - t0) / 1000;
    let next = 0;
    // The load runs for `duration`, and at least `after` seconds past PostgreSQL's return, to see the recovery.
    const after = Number(f.get('after') ?? 10);
    let endAt = Math.max(seconds, restartAt + downS + after + 5);
    const worker = async () => {
      for (;;) {
        const k = next++;
        const at = k / rate;
        if (at >= endAt) return;
        const wait = at - now();
        if (wait > 0) await sleep(wait * 1000);
        const id = `pgr-${k}`;
        const sentAt = now();
        try {
          const res = await fetch(url, { method: 'POST', headers: { ...headers, 'x-request-id': id }, body, signal: AbortSignal.timeout(15_000) });
          await res.arrayBuffer();
          out.push({ id, sentAt, ms: (now() - sentAt) * 1000, status: res.status, retryAfter: res.headers.get('retry-after') });
        } catch (e) {
          out.push({ id, sentAt, ms: (now() - sentAt) * 1000, status: 0, retryAfter: null, error: (e as Error).message });
        }
      }
    };
    const restart = (async () => {
      await sleep(restartAt * 1000);
      const from = now();
      await pg.stop(); // fast shutdown: open connections are terminated, in-flight statements fail
      const stopped = now();
      await sleep(downS * 1000);
      const starting = now();
      await pg.start();
      const to = now();
      endAt = Math.max(seconds, to + after);
      return { from, stopped, starting, to };
    })();
    await Promise.all([...Array.from({ length: concurrency }, worker), restart]);
    const r = await restart;

    const by = (pred: (o: Outcome) => boolean) => out.filter(pred);
    const ok = by((o) => o.status === 200);
    const unavailable = by((o) => o.status === 503);
    const other = by((o) => o.status !== 200 && o.status !== 503);
    const firstOkAfter = ok.filter((o) => o.sentAt >= r.to).sort((a, b) => a.sentAt - b.sentAt)[0];
    const runEnd = Math.max(...out.map((o) => o.sentAt));
    const tail = by((o) => o.sentAt >= Math.max(r.to + 5, runEnd - 5));
    const failedWindow = by((o) => o.status !== 200);
    console.log(`PostgreSQL: fast shutdown ${r.from.toFixed(1)}–${r.stopped.toFixed(1)} s, stopped until ${r.starting.toFixed(1)} s, accepting connections again at ${r.to.toFixed(1)} s; load until ${runEnd.toFixed(1)} s; non-200 answers were sent between ${failedWindow.length ? `${Math.min(...failedWindow.map((o) => o.sentAt)).toFixed(1)} s and ${Math.max(...failedWindow.map((o) => o.sentAt)).toFixed(1)} s` : '(none)'}`);
    console.log(`responses: ${out.length}; 200: ${ok.length}; 503: ${unavailable.length} (with Retry-After: ${unavailable.filter((o) => o.retryAfter).length}); other: ${other.length} ${JSON.stringify(Object.fromEntries([...new Set(other.map((o) => o.status))].map((s) => [s, other.filter((o) => o.status === s).length])))}`);
    for (const o of other.slice(0, 5)) console.log(`  e.g. ${o.id} sent at ${o.sentAt.toFixed(1)} s: ${o.status || o.error} after ${o.ms.toFixed(0)} ms`);
    const late = by((o) => o.sentAt >= r.to + 5 && o.status !== 200);
    for (const o of late.slice(0, 5)) console.log(`  non-200 more than 5 s after the restart: ${o.id} sent at ${o.sentAt.toFixed(1)} s: ${o.status || o.error} after ${o.ms.toFixed(0)} ms`);
    const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? NaN;
    console.log(`latency p99: ${p99(out.map((o) => o.ms)).toFixed(0)} ms overall, ${p99(tail.map((o) => o.ms)).toFixed(0)} ms once recovered; slowest answer ${Math.max(...out.map((o) => o.ms)).toFixed(0)} ms`);

    await sleep(1000);
    const { byRequest } = await logCounts(db, { requestIds: out.map((o) => o.id) });
    const missing = ok.filter((o) => byRequest.get(o.id) !== rows);
    const loggedButRefused = unavailable.filter((o) => byRequest.has(o.id));
    if (loggedButRefused.length) console.log(`note: ${loggedButRefused.length} request(s) answered 503 have rows in the log (committed, then the answer failed)`);

    console.log('\n| check | measured | result |');
    console.log('|---|---|---|');
    console.log(`| every 200 has its ${rows} rows in prediction_log (by x-request-id) | ${ok.length - missing.length} of ${ok.length}${missing.length ? `; missing e.g. ${missing.slice(0, 3).map((o) => o.id).join(', ')}` : ''} | ${mark(missing.length === 0 && ok.length > 0)} |`);
    console.log(`| every other answer is 503 with Retry-After | ${other.length} other, ${unavailable.filter((o) => !o.retryAfter).length} 503 without Retry-After | ${mark(other.length === 0 && unavailable.every((o) => o.retryAfter))} |`);
    const slowest = Math.max(...out.map((o) => o.ms));
    console.log(`| no hang: every request answered before the client's 15 s timeout | ${by((o) => o.status === 0).length} without an answer; slowest answer ${slowest.toFixed(0)} ms | ${mark(by((o) => o.status === 0).length === 0)} |`);
    console.log(`| the outage was seen (some 503s) | ${unavailable.length} | ${mark(unavailable.length > 0)} |`);
    console.log(`| recovers without an app restart: 200s after the restart | first ${firstOkAfter ? `${(firstOkAfter.sentAt - r.to).toFixed(1)} s after PostgreSQL was back` : 'never'}; from ${Math.max(r.to + 5, runEnd - 5).toFixed(1)} s to the end: ${tail.filter((o) => o.status === 200).length} of ${tail.length} answered 200 | ${mark(!!firstOkAfter && tail.length > 0 && tail.every((o) => o.status === 200))} |`);
  } finally {
    await ours?.stop();
    if (f.has('keep')) console.log(`kept the server log: ${ours?.logFile}`);
    else await db?.drop();
    pg.cleanup(f.has('keep'));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
