// Webhook notifications: the payload, the signature and the retry schedule (pure; the dispatcher sends).
//
// Every POST carries
//   Content-Type: application/json
//   X-StreamFlow-Event: alert.opened | retraining.finished | webhook.test
//   X-StreamFlow-Delivery: <delivery id>   — the same on every retry of one delivery: de-duplicate on it
//   X-StreamFlow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${raw body}`)>
// A receiver recomputes the HMAC over the RAW body bytes it received (before any JSON parsing), compares in constant
// time and rejects timestamps older than a few minutes (replays). `verifySignature` below is the reference: copy it.
// The body is `{id, event, created_at, text, alert?, data?}`; `text` is a one-line Slack-compatible summary, so a
// Slack "incoming webhook" URL works as a receiver as-is.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AlertEvent, AlertRule, Severity } from '@/db/monitoring-schema';

export const WEBHOOK_EVENTS = ['alert.opened', 'retraining.finished', 'webhook.test'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const SIGNATURE_HEADER = 'X-StreamFlow-Signature';
export const EVENT_HEADER = 'X-StreamFlow-Event';
export const DELIVERY_HEADER = 'X-StreamFlow-Delivery';
export const ALERTS_PATH = '/monitoring/alerts';

export interface WebhookPayload {
  /** The notification's id: the alert event's id for alert.opened (stable across webhooks and redeliveries). */
  id: string;
  event: WebhookEvent;
  created_at: string;
  text: string;
  alert?: AlertPayload;
  data?: Record<string, unknown>;
}

export interface AlertPayload {
  id: string;
  rule: { id: string; name: string; metric: string; feature: string | null; comparison: string; threshold: number; consecutive: number; retrain: boolean };
  model: { name: string; version: number };
  window: { kind: string; start: string };
  value: number | null;
  severity: Severity;
  status: string;
  message: string;
  opened_at: string;
  link: string;
}

/** A new webhook's signing key: 32 random bytes as hex. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

const SEVERITY_TAG: Record<Severity, string> = { info: 'INFO', warning: 'WARNING', critical: 'CRITICAL' };

export function alertPayload(event: AlertEvent, rule: Pick<AlertRule, 'id' | 'name' | 'metric' | 'feature' | 'comparison' | 'threshold' | 'consecutive' | 'retrain'>): WebhookPayload {
  const model = `${event.modelName} v${event.modelVersion}`;
  return {
    id: event.id,
    event: 'alert.opened',
    created_at: new Date().toISOString(),
    text: `[${SEVERITY_TAG[event.severity]}] ${rule.name}: ${event.message} — ${model} · ${ALERTS_PATH}`,
    alert: {
      id: event.id,
      rule: { id: rule.id, name: rule.name, metric: rule.metric, feature: rule.feature, comparison: rule.comparison, threshold: rule.threshold, consecutive: rule.consecutive, retrain: rule.retrain },
      model: { name: event.modelName, version: event.modelVersion },
      window: { kind: event.windowKind, start: event.windowStart.toISOString() },
      value: event.value,
      severity: event.severity,
      status: event.status,
      message: event.message,
      opened_at: event.openedAt.toISOString(),
      link: `${ALERTS_PATH}?alert=${event.id}`,
    },
  };
}

export function testPayload(id: string, webhookName: string): WebhookPayload {
  return {
    id,
    event: 'webhook.test',
    created_at: new Date().toISOString(),
    text: `[INFO] Test notification from StreamFlow to “${webhookName}”: the webhook works · ${ALERTS_PATH}`,
    data: { webhook: webhookName },
  };
}

/** The header value for a body sent at `unixSeconds`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/**
 * Checks an X-StreamFlow-Signature header against the raw body. True when one `v1` matches and `t` is within
 * `toleranceSeconds` of now (default 5 minutes; 0 turns the age check off). Copy this into a receiver.
 */
export function verifySignature(secret: string, header: string | null | undefined, rawBody: string, opts: { toleranceSeconds?: number; nowSeconds?: number } = {}): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const candidates = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!Number.isInteger(t) || candidates.length === 0) return false;
  const tolerance = opts.toleranceSeconds ?? 300;
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (tolerance > 0 && Math.abs(now - t) > tolerance) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${rawBody}`), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}

/** Attempts a delivery gets before it is marked failed (a person can re-send it). */
export const MAX_ATTEMPTS = 6;
/** Wait after the n-th failed attempt (n = 1..5): 30 s, 2 min, 10 min, 1 h, 6 h — about 7 h 12 min in all. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;

/** The delay after `failedAttempts` failures, with ±10 % jitter so receivers that come back are not hit in lockstep. */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(failedAttempts, 1), BACKOFF_MS.length) - 1]!;
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** What happens to a delivery after an attempt. */
export function nextState(
  attemptsSoFar: number,
  ok: boolean,
  now: Date,
  random?: () => number,
): { status: 'delivered' | 'pending' | 'failed'; attempts: number; nextAttemptAt: Date | null } {
  const attempts = attemptsSoFar + 1;
  if (ok) return { status: 'delivered', attempts, nextAttemptAt: null };
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts, nextAttemptAt: null };
  return { status: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, random)) };
}
