// Monthly snapshots as plain records keyed by the feature contract's snake_case names (what models take).
import { and, asc, getTableColumns, gte, lte } from 'drizzle-orm';
import type { Db } from '../client';
import { customerSnapshots } from '../schema';

const COLUMNS = getTableColumns(customerSnapshots);

/** Every snapshot with month in [from, to] (first days of months), in month then customer order. */
export async function snapshotRecords({ db, from, to }: { db: Db; from: string; to: string }): Promise<Record<string, unknown>[]> {
  const rows = await db
    .select()
    .from(customerSnapshots)
    .where(and(gte(customerSnapshots.month, from), lte(customerSnapshots.month, to)))
    .orderBy(asc(customerSnapshots.month), asc(customerSnapshots.customerId));
  return rows.map((r) => {
    const rec: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(COLUMNS)) rec[col.name] = (r as Record<string, unknown>)[key];
    return rec;
  });
}
