import 'server-only';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, type NewAuditEntry } from '../schema';

export async function recordAudit({ db, entry }: { db: Db; entry: NewAuditEntry }): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export async function listAudit({
  db,
  limit = 50,
  before,
  action,
}: {
  db: Db;
  limit?: number;
  /** Return entries with an id below this one (keyset paging, newest first). */
  before?: number;
  action?: string;
}) {
  const where: SQL[] = [];
  if (before) where.push(lt(auditLog.id, before));
  if (action) where.push(eq(auditLog.action, action));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
