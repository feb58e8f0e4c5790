// `npm run bench:compare`: in Chromium, the time from opening the compare view of 10 runs × 100k steps (two metrics
// each, 2M points) to interactive history charts (every run's line drawn). Reference in the same run: fetching the same
// histories at full resolution the way MLflow's UI does (metrics/get-history, 25k points a page), from the same page.
// Needs PostgreSQL (TEST_DATABASE_URL, default the local server) and Debian's Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { chromium } from 'playwright-core';
import { openPostgres } from '@/db/client';
import { rebuildRollups } from '@/db/queries/tracking-rollups';
import { insertUser } from '@/db/queries/users';
import { hashPassword } from '@/lib/auth/passwords';

const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = 3219;
const RUNS = 10;
const STEPS = 100_000;
const root = process.cwd();
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const name = `sf_bench_ui_${randomBytes(3).toString('hex')}`;
  const a = postgres(admin, { max: 1, onnotice: () => {} });
  await a.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const h = await openPostgres(url.toString());
    const sql = h.sql!;
    await sql`insert into experiments (experiment_id, name, artifact_location, creation_time, last_update_time) overriding system value values (1, 'bench-compare', 'mlflow-artifacts:/1', 0, 0)`;
    const ids = Array.from({ length: RUNS }, () => randomBytes(16).toString('hex'));
    for (const [i, id] of ids.entries()) {
      await sql`insert into runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri) values (${id}, 1, ${`long-run-${i}`}, 'bench', 'FINISHED', ${i}, ${i + 1}, ${`mlflow-artifacts:/1/${id}/artifacts`})`;
      await sql`insert into params (run_id, key, value) values (${id}, 'learning_rate', ${String(0.01 * (i + 1))}), (${id}, 'max_depth', ${String(3 + (i % 4))})`;
      await sql`insert into latest_metrics (run_id, key, value, timestamp, step) values (${id}, 'val_auc', ${0.8 + i / 100}, ${STEPS}, ${STEPS - 1}), (${id}, 'val_loss', ${0.3 - i / 100}, ${STEPS}, ${STEPS - 1})`;
    }
    const w = await sql.unsafe('copy metric_points (run_id, key, value, timestamp, step) from stdin with (format csv)').writable();
    await pipeline(
      Readable.from(
        (function* () {
          for (const [i, id] of ids.entries())
            for (let s = 0; s < STEPS; s++) {
              yield `${id},val_auc,${0.8 + i / 100 - 0.3 * Math.exp(-s / 8000) + 0.002 * Math.sin(s / 97)},${s},${s}\n${id},val_loss,${0.3 - i / 100 + 0.5 * Math.exp(-s / 8000)},${s},${s}\n`;
            }
        })(),
      ),
      w,
    );
    await rebuildRollups({ db: h.db });
    await sql`analyze`;
    await insertUser({ db: h.db, user: { email: 'bench@streamflow.test', name: 'Bench', role: 'data_scientist', passwordHash: await hashPassword('bench-password') } });
    await h.close();

    const env = { ...process.env, DATABASE_URL: url.toString(), AUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuv', DEMO: '0', NEXT_TELEMETRY_DISABLED: '1' };
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
      await new Promise<void>((res, rej) => spawn(path.join(root, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit', env }).once('exit', (c) => (c === 0 ? res() : rej(new Error('build failed')))));
    }
    server = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: 'ignore' });
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/ready`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const base = `http://127.0.0.1:${PORT}`;
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill('bench@streamflow.test');
    await page.getByLabel('Password').fill('bench-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);

    const compareUrl = `${base}/experiments/compare?runs=${ids.join(',')}`;
    const open: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t = Date.now();
      await page.goto(compareUrl);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid^="history-chart-"] .recharts-line-curve').length >= n,
        RUNS * 2,
        { timeout: 60_000, polling: 20 },
      );
      if (i > 0) open.push(Date.now() - t); // the first visit compiles and warms caches
    }
    const reference: number[] = [];
    for (let i = 0; i < 3; i++) {
      reference.push(
        await page.evaluate(
          async ({ ids }) => {
            const t = performance.now();
            for (const id of ids)
              for (const key of ['val_auc', 'val_loss']) {
                let token = '';
                do {
                  const r = await fetch(`/api/2.0/mlflow/metrics/get-history?run_id=${id}&metric_key=${key}&max_results=25000${token ? `&page_token=${encodeURIComponent(token)}` : ''}`);
                  const j = await r.json();
                  token = j.next_page_token ?? '';
                } while (token);
              }
            return performance.now() - t;
          },
          { ids },
        ),
      );
    }
    await page.screenshot({ path: path.join(root, 'test-results', 'bench-compare.png'), fullPage: false }).catch(() => {});
    await browser.close();
    console.log(`\nCompare view, ${RUNS} runs × ${STEPS.toLocaleString('en-US')} steps × 2 metrics (${(RUNS * STEPS * 2).toLocaleString('en-US')} points), Chromium`);
    console.log('| what | p50 ms | runs | goal |');
    console.log('|---|---|---|---|');
    console.log(`| open compare view → every history line drawn | ${p50(open).toFixed(0)} | ${open.length} | ≤ 2000 |`);
    console.log(`| reference: fetch the same histories at full resolution (MLflow UI's get-history) | ${p50(reference).toFixed(0)} | ${reference.length} | |`);
    console.log(`\nspeed-up vs reference: ${(p50(reference) / p50(open)).toFixed(1)}× (the reference only fetches; it draws nothing)`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
