import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { GroupCounts, MonthCounts } from '@/lib/overview/summary';
import type { Db } from '../client';
import { customers, customerSnapshots as s } from '../schema';


/** Per snapshot month: customers active at its start, how many have a label, how many churned, and revenue. */
export async function monthlySummary({ db }: { db: Db }): Promise<MonthCounts[]> {
  return db
    .select({
      month: s.month,
      active: count(),
      labeled: count(s.churned),
      churned: sql<number>`count(*) filter (where ${s.churned})`.mapWith(Number),
      mrr: sql<number>`coalesce(sum(${s.monthlyCharge}), 0)`.mapWith(Number),
      churnedMrr: sql<number>`coalesce(sum(${s.monthlyCharge}) filter (where ${s.churned}), 0)`.mapWith(Number),
    })
    .from(s)
    .groupBy(s.month)
    .orderBy(asc(s.month));
}

/** The newest months whose churn labels are known (labels arrive one month after the snapshot). */
export async function latestLabeledMonths({ db, n }: { db: Db; n: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ month: s.month })
    .from(s)
    .where(isNotNull(s.churned))
    .orderBy(desc(s.month))
    .limit(n);
  return rows.map((r) => r.month);
}


export async function churnByPlan({ db, months }: { db: Db; months: string[] }): Promise<GroupCounts[]> {
  if (months.length === 0) return [];
  return db
    .select({
      group: s.plan,
      customers: count(),
      churned: sql<number>`count(*) filter (where ${s.churned})`.mapWith(Number),
    })
    .from(s)
    .where(and(inArray(s.month, months), isNotNull(s.churned)))
    .groupBy(s.plan)
    .orderBy(asc(s.plan));
}

export async function churnByRegion({ db, months }: { db: Db; months: string[] }): Promise<GroupCounts[]> {
  if (months.length === 0) return [];
  return db
    .select({
      group: customers.region,
      customers: count(),
      churned: sql<number>`count(*) filter (where ${s.churned})`.mapWith(Number),
    })
    .from(s)
    .innerJoin(customers, eq(customers.customerId, s.customerId))
    .where(and(inArray(s.month, months), isNotNull(s.churned)))
    .groupBy(customers.region)
    .orderBy(asc(customers.region));
}

/** Customers in the snapshot table, for seeding checks. */
export async function countSnapshots({ db, since }: { db: Db; since?: string }): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(s)
    .where(since ? gte(s.month, since) : undefined);
  return r?.n ?? 0;
}
