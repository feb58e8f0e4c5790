import 'server-only';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { webhookAttempts, webhookDeliveries, webhooks, type Webhook, type WebhookDelivery } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type NewWebhook = typeof webhooks.$inferInsert;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
/** A webhook as every read returns it: the secret is shown once, at creation, and never read back. */
export type PublicWebhook = Omit<Webhook, 'secret'>;

const publicColumns = {
  id: webhooks.id,
  name: webhooks.name,
  url: webhooks.url,
  minSeverity: webhooks.minSeverity,
  enabled: webhooks.enabled,
  createdBy: webhooks.createdBy,
  createdAt: webhooks.createdAt,
};

export async function insertWebhook({ db, webhook }: { db: Db; webhook: NewWebhook }): Promise<Webhook> {
  const [row] = await db.insert(webhooks).values(webhook).returning();
  return row!;
}

export async function listWebhooks({ db, enabledOnly = false }: { db: Db; enabledOnly?: boolean }): Promise<PublicWebhook[]> {
  return db
    .select(publicColumns)
    .from(webhooks)
    .where(enabledOnly ? eq(webhooks.enabled, true) : undefined)
    .orderBy(desc(webhooks.createdAt));
}

export async function findWebhook({ db, id }: { db: Db; id: string }): Promise<PublicWebhook | undefined> {
  const [row] = await db.select(publicColumns).from(webhooks).where(eq(webhooks.id, id));
  return row;
}

/** Deletes the webhook with its deliveries and attempts (foreign keys cascade). */
export async function deleteWebhook({ db, id }: { db: Db; id: string }): Promise<PublicWebhook | undefined> {
  const [row] = await db.delete(webhooks).where(eq(webhooks.id, id)).returning(publicColumns);
  return row;
}

export async function insertDeliveries({ tx, deliveries }: { tx: Tx | Db; deliveries: NewDelivery[] }): Promise<WebhookDelivery[]> {
  if (!deliveries.length) return [];
  return tx.insert(webhookDeliveries).values(deliveries).returning();
}

export type DueDelivery = WebhookDelivery & { url: string; secret: string };

/**
 * Claims up to `limit` due deliveries for this dispatcher: rows locked with FOR UPDATE SKIP LOCKED (so dispatchers
 * on other replicas take other rows), and their next_attempt_at pushed to now + lease before the short transaction
 * commits — the claim outlives the lock while the HTTP calls run outside any transaction. A dispatcher that dies
 * mid-send leaves the row pending; it is picked up again when the lease runs out.
 */
export async function claimDueDeliveries({ db, now, limit, leaseMs }: { db: Db; now: Date; limit: number; leaseMs: number }): Promise<DueDelivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(webhookDeliveries.id, ids));
    const rows = await tx
      .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(inArray(webhookDeliveries.id, ids))
      .orderBy(asc(webhookDeliveries.createdAt));
    return rows.map((r) => ({ ...r.delivery, url: r.url, secret: r.secret }));
  });
}

/** Records one attempt and the delivery's new state together. */
export async function recordAttempt({
  db,
  deliveryId,
  attempt,
  state,
}: {
  db: Db;
  deliveryId: string;
  attempt: { at: Date; statusCode: number | null; error: string | null; durationMs: number };
  state: { status: 'pending' | 'delivered' | 'failed'; attempts: number; nextAttemptAt: Date | null };
}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({ deliveryId, ...attempt });
    await tx
      .update(webhookDeliveries)
      .set({
        status: state.status,
        attempts: state.attempts,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        ...(state.nextAttemptAt ? { nextAttemptAt: state.nextAttemptAt } : {}),
        ...(state.status === 'delivered' ? { deliveredAt: attempt.at } : {}),
      })
      .where(eq(webhookDeliveries.id, deliveryId));
  });
}

export type DeliveryWithAttempts = WebhookDelivery & { attemptLog: WebhookAttempt[] };

/** A webhook's deliveries, newest first, each with its attempts (oldest first). */
export async function listDeliveries({ db, webhookId, limit = 50 }: { db: Db; webhookId: string; limit?: number }): Promise<DeliveryWithAttempts[]> {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(desc(webhookDeliveries.createdAt)).limit(limit);
  if (!rows.length) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
    .orderBy(asc(webhookAttempts.id));
  const byDelivery = new Map<string, WebhookAttempt[]>();
  for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
  return rows.map((r) => ({ ...r, attemptLog: byDelivery.get(r.id) ?? [] }));
}

export async function findDelivery({ db, id }: { db: Db; id: string }): Promise<WebhookDelivery | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

/**
 * Sends a delivered or failed delivery again: pending, due now, with a fresh retry budget (`attempts` counts the
 * current cycle; every earlier attempt stays in webhook_attempts). Undefined when it is still pending.
 */
export async function requeueDelivery({ db, id }: { db: Db; id: string }): Promise<WebhookDelivery | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null })
    .where(and(eq(webhookDeliveries.id, id), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning();
  return row;
}
