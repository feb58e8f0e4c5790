import 'server-only';
import { asc, desc, eq, getTableColumns, like } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Snapshot } from '@/lib/data/features';
import type { Db } from '../client';
import { customers, customerSnapshots as s, type CustomerRow } from '../schema';

// Selected under their SQL names, so a row reads like the contract's snake_case records (lib/data/features.ts) and
// the training pipeline's featureRecord() can turn it into a model input without a second name map.
const snapshotColumns: Record<string, AnyPgColumn> = Object.fromEntries(Object.values(getTableColumns(s)).map((c) => [c.name, c]));

export interface LatestSnapshot {
  customer: CustomerRow;
  snapshot: Snapshot;
}

/** A customer and their newest monthly snapshot; undefined when the id is unknown (or has no snapshot). */
export async function latestCustomerSnapshot({ db, customerId }: { db: Db; customerId: string }): Promise<LatestSnapshot | undefined> {
  const [row] = await db
    .select({ customer: getTableColumns(customers), snapshot: snapshotColumns })
    .from(s)
    .innerJoin(customers, eq(customers.customerId, s.customerId))
    .where(eq(s.customerId, customerId))
    .orderBy(desc(s.month))
    .limit(1);
  if (!row) return undefined;
  return { customer: row.customer, snapshot: row.snapshot as unknown as Snapshot };
}

/** Customer ids that start with `prefix` (case-sensitive, ids are upper case), in id order — for an autocomplete. */
export async function customerIdsByPrefix({ db, prefix, limit }: { db: Db; prefix: string; limit: number }): Promise<string[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => '\\' + c);
  const rows = await db
    .select({ id: customers.customerId })
    .from(customers)
    .where(like(customers.customerId, `${escaped}%`))
    .orderBy(asc(customers.customerId))
    .limit(limit);
  return rows.map((r) => r.id);
}
