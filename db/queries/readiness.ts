import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { currentDriver, migrationsFolder, rowsOf, type Db } from '../client';

export async function readiness({ db }: { db: Db }) {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const res = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const applied = Number(rowsOf<{ n: number | string }>(res)[0]?.n ?? 0);
  const expected = journal.entries.length;
  return { ready: applied >= expected, applied, expected, driver: currentDriver() };
}
