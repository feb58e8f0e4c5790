// Sends queued webhook deliveries. Each tick claims the due ones (see claimDueDeliveries), POSTs them concurrently
// with a timeout each, and records every attempt with the delivery's new state (delivered, retry later, failed).
// Nothing here throws on a bad receiver: network errors, non-2xx answers, redirects and slow receivers are attempts
// with an error, and a hanging receiver costs at most its own timeout.
//
// Scheduling: startWebhookDispatcher() runs a tick every few seconds on an unref'd timer, in every web process
// (instrumentation.ts starts it next to the batch queue). Ticks never overlap within a process, and replicas on one
// PostgreSQL never send the same delivery twice at once (row claims). Delivery is at-least-once: a process that dies
// between a receiver's 2xx and the commit re-sends it later — receivers de-duplicate on X-StreamFlow-Delivery.
import { getDb, type Db } from '@/db/client';
import { claimDueDeliveries, recordAttempt, type DueDelivery } from '@/db/queries/webhooks';
import { DELIVERY_HEADER, EVENT_HEADER, nextState, SIGNATURE_HEADER, signatureHeader } from './webhook';

export const DELIVERY_TIMEOUT_MS = 10_000;
const BATCH = 20;

export interface DeliverOptions {
  db: Db;
  fetch?: typeof globalThis.fetch;
  /** The tick's clock: what is due, the attempt time and the retry schedule (tests move it instead of waiting). */
  now?: Date;
  timeoutMs?: number;
  limit?: number;
  random?: () => number;
}

export interface DeliverResult {
  id: string;
  status: 'delivered' | 'pending' | 'failed';
  statusCode: number | null;
  error: string | null;
}

/** Sends every due delivery once; resolves when all of them have an outcome recorded. */
export async function deliverDue(opts: DeliverOptions): Promise<DeliverResult[]> {
  const now = opts.now ?? new Date();
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  // The lease outlives the longest send, so another dispatcher never picks a row this one is still sending.
  const due = await claimDueDeliveries({ db: opts.db, now, limit: opts.limit ?? BATCH, leaseMs: timeoutMs + 50_000 });
  return Promise.all(due.map((d) => deliverOne(d, { ...opts, now, timeoutMs })));
}

async function deliverOne(d: DueDelivery, opts: DeliverOptions & { now: Date; timeoutMs: number }): Promise<DeliverResult> {
  const outcome = await send(d, opts);
  const state = nextState(d.attempts, outcome.ok, opts.now, opts.random);
  try {
    await recordAttempt({ db: opts.db, deliveryId: d.id, attempt: { at: opts.now, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs }, state });
  } catch (e) {
    // The webhook was deleted meanwhile (its deliveries went with it), or the database is away: the claim's lease
    // brings the row back if it still exists.
    console.error(`[webhooks] could not record the attempt of delivery ${d.id}:`, e instanceof Error ? e.message : e);
  }
  return { id: d.id, status: state.status, statusCode: outcome.statusCode, error: outcome.error };
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function send(d: DueDelivery, opts: { fetch?: typeof globalThis.fetch; now: Date; timeoutMs: number }): Promise<Outcome> {
  // jsonb keeps keys in its own order; send the documented order (id, event, created_at, text, alert, data).
  const { id, event, created_at, text, ...rest } = d.payload;
  const body = JSON.stringify({ id, event, created_at, text, ...rest });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await (opts.fetch ?? globalThis.fetch)(d.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'StreamFlow-Webhooks/1.0',
        [EVENT_HEADER]: d.event,
        [DELIVERY_HEADER]: d.id,
        [SIGNATURE_HEADER]: signatureHeader(d.secret, body, Math.floor(opts.now.getTime() / 1000)),
      },
      body,
      // A redirect is an answer we do not follow (it could point anywhere): it counts as a failed attempt.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel().catch(() => {});
      return { ok: true, statusCode: res.status, error: null, durationMs: elapsed() };
    }
    const text = await bodyStart(res);
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return { ok: false, statusCode: res.status, error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`, durationMs: elapsed() };
  } catch (e) {
    return { ok: false, statusCode: null, error: describeError(e, opts.timeoutMs), durationMs: elapsed() };
  }
}

/** The first couple of kB of an error answer (for the attempt log), without reading a huge or endless body. */
async function bodyStart(res: Response, max = 2048): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let out = '';
  try {
    while (out.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      out += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut off by the timeout: keep what arrived.
  } finally {
    reader.cancel().catch(() => {});
  }
  return out;
}

function describeError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${timeoutMs / 1000} s`;
  const cause = err?.cause;
  if (cause?.code) return `${cause.code}: ${cause.message ?? err.message}`.slice(0, 300);
  return String(cause?.message ?? err?.message ?? e).slice(0, 300);
}

interface Dispatcher {
  timer: NodeJS.Timeout;
  running: boolean;
  /** A kick arrived during a tick: run another one right after it. */
  again: boolean;
  tick: () => Promise<void>;
}
const g = globalThis as unknown as { __streamflowWebhooks?: Dispatcher };

/**
 * Starts this process's dispatcher (once; later calls return the running one). Errors are logged and the next tick
 * tries again, so a database that is briefly away only delays notifications.
 */
export function startWebhookDispatcher(intervalMs = 5000): { stop: () => void } {
  if (!g.__streamflowWebhooks) {
    const state: Dispatcher = {
      running: false,
      again: false,
      timer: undefined as unknown as NodeJS.Timeout,
      async tick() {
        if (state.running) return;
        state.running = true;
        try {
          await deliverDue({ db: await getDb() });
        } catch (e) {
          console.error('[webhooks] dispatch failed:', e instanceof Error ? e.message : e);
        } finally {
          state.running = false;
          if (state.again) {
            state.again = false;
            setTimeout(() => void state.tick(), 0).unref();
          }
        }
      },
    };
    state.timer = setInterval(() => void state.tick(), intervalMs);
    state.timer.unref();
    g.__streamflowWebhooks = state;
  }
  return { stop: stopWebhookDispatcher };
}

export function stopWebhookDispatcher(): void {
  if (g.__streamflowWebhooks) clearInterval(g.__streamflowWebhooks.timer);
  g.__streamflowWebhooks = undefined;
}

/** Runs a tick soon (after a test delivery or a redelivery) when this process's dispatcher is running. */
export function kickWebhookDispatcher(): void {
  const state = g.__streamflowWebhooks;
  if (!state) return;
  if (state.running) state.again = true;
  else setTimeout(() => void state.tick(), 50).unref();
}
