// Test databases: PGlite in memory always, and a fresh PostgreSQL database per test file when TEST_DATABASE_URL is
// set (CI sets it), so runs never see each other's rows. Used only by *.test.ts files.
import { randomBytes } from 'node:crypto';
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

export async function openTestDb(driver: Driver): Promise<DbHandle> {
  if (driver === 'pglite') return openPglite('memory://');
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
