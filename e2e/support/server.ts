// The server the e2e suite runs against: a fresh database each run (a temporary PGlite folder, or a new PostgreSQL
// database when TEST_DATABASE_URL is set), a small seeded demo, and `npm start`'s own start-up path.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = process.env.E2E_PORT ?? '3100';
const adminUrl = process.env.TEST_DATABASE_URL;

let cleanup = async () => {};
const env: Record<string, string | undefined> = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DEMO: '1',
  DEMO_CUSTOMERS: process.env.E2E_DEMO_CUSTOMERS ?? '4000',
  AUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnop',
  DATABASE_URL: undefined,
  // Artifacts of this run's seed go to a temporary folder, never into the working copy's .data.
  ARTIFACT_ROOT: fs.mkdtempSync(path.join(os.tmpdir(), 'sf-e2e-artifacts-')),
};

if (adminUrl) {
  const name = `sf_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await a.end();
  };
  console.log(`e2e: PostgreSQL database ${name}`);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-e2e-'));
  env.PGLITE_DIR = dir;
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  console.log(`e2e: PGlite in ${dir}`);
}

const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', path.join(root, 'lib', 'cli', 'start.ts')], {
  cwd: root,
  env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
  stdio: 'inherit',
});
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', async (code) => {
  await cleanup();
  fs.rmSync(env.ARTIFACT_ROOT!, { recursive: true, force: true });
  process.exit(code ?? 0);
});
