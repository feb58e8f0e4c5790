// Test databases: PGlite in memory always, and a fresh PostgreSQL database per test file when TEST_DATABASE_URL is
// set (CI sets it), so runs never see each other's rows. Used only by *.test.ts files.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openPglite, openPostgres, type DbHandle } from './client';

export type Driver = 'pglite' | 'postgres';

/**
 * The drivers this run covers: PGlite by default; PostgreSQL when TEST_DATABASE_URL is set (CI runs the suite once
 * each way, so the PostgreSQL run does not repeat the PGlite cases). TEST_BOTH_DRIVERS=1 runs both in one go.
 */
export function testDrivers(): Driver[] {
  if (!process.env.TEST_DATABASE_URL) return ['pglite'];
  return process.env.TEST_BOTH_DRIVERS === '1' ? ['pglite', 'postgres'] : ['postgres'];
}

/**
 * Where vitest's global setup leaves a dump of a freshly migrated PGlite database, named by the migrations it holds
 * (a changed migration makes a new template). Loading it costs ~1 s per test file instead of ~5 s.
 */
export function pgliteTemplatePath(): string {
  const dir = path.join(import.meta.dirname, 'migrations');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  return path.join(os.tmpdir(), `streamflow-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

export async function openTestDb(driver: Driver): Promise<DbHandle> {
  if (driver === 'pglite') {
    const template = pgliteTemplatePath();
    if (!fs.existsSync(template)) return openPglite('memory://');
    return openPglite('memory://', { loadDataDir: new Blob([fs.readFileSync(template)]) });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const handle = await openPostgres(url.toString(), { max: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
