import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '@/db/monitoring-schema';
import { alertPayload, BACKOFF_MS, backoffMs, generateWebhookSecret, MAX_ATTEMPTS, nextState, signatureHeader, testPayload, verifySignature } from './webhook';

const secret = 'whsec-test-0123456789abcdef';
const body = JSON.stringify({ id: 'x', event: 'webhook.test', text: 'héllo ≥' });

describe('signatures', () => {
  it('signs `${t}.${body}` with HMAC-SHA256 as t=…,v1=<hex>, and verifies it', () => {
    const header = signatureHeader(secret, body, 1_760_000_000);
    const expected = createHmac('sha256', secret).update(`1760000000.${body}`).digest('hex');
    expect(header).toBe(`t=1760000000,v1=${expected}`);
    expect(verifySignature(secret, header, body, { nowSeconds: 1_760_000_010 })).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a stale timestamp and malformed headers', () => {
    const header = signatureHeader(secret, body, 1_760_000_000);
    const now = { nowSeconds: 1_760_000_000 };
    expect(verifySignature('other-secret-0123456789', header, body, now)).toBe(false);
    expect(verifySignature(secret, header, body.replace('héllo', 'hello'), now)).toBe(false);
    expect(verifySignature(secret, header, body, { nowSeconds: 1_760_000_000 + 301 })).toBe(false);
    expect(verifySignature(secret, header, body, { nowSeconds: 1_760_000_000 + 10_000, toleranceSeconds: 0 })).toBe(true);
    for (const bad of [null, '', 'v1=abc', 't=abc,v1=' + 'a'.repeat(64), `t=1760000000,v1=${'z'.repeat(64)}`, 't=1760000000']) {
      expect(verifySignature(secret, bad, body, now)).toBe(false);
    }
  });

  it('accepts any of several v1 values (a receiver rotating secrets)', () => {
    const good = signatureHeader(secret, body, 100).split('v1=')[1]!;
    expect(verifySignature(secret, `t=100,v1=${'0'.repeat(64)},v1=${good}`, body, { nowSeconds: 100 })).toBe(true);
  });

  it('generates 32-byte hex secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

describe('payloads', () => {
  it('carries a Slack-compatible one-line text with the severity and the link path', () => {
    const event: AlertEvent = {
      id: '8d7c3a52-0000-4000-8000-000000000001',
      ruleId: '8d7c3a52-0000-4000-8000-000000000002',
      modelName: 'streamflow-churn',
      modelVersion: 3,
      windowStart: new Date('2026-04-01T00:00:00Z'),
      windowKind: 'month',
      value: 0.42,
      severity: 'critical',
      status: 'open',
      message: 'monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-03, 2026-04)',
      openedAt: new Date('2026-05-01T08:00:00Z'),
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedBy: null,
      resolvedAt: null,
    };
    const p = alertPayload(event, { id: event.ruleId, name: 'Price drift', metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'gte', threshold: 0.1, consecutive: 2, retrain: false });
    expect(p.text).toBe('[CRITICAL] Price drift: monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-03, 2026-04) — streamflow-churn v3 · /monitoring/alerts');
    expect(p.text).not.toContain('\n');
    expect(p).toMatchObject({ id: event.id, event: 'alert.opened', alert: { severity: 'critical', model: { name: 'streamflow-churn', version: 3 }, window: { kind: 'month', start: '2026-04-01T00:00:00.000Z' }, link: `/monitoring/alerts?alert=${event.id}` } });
    expect(testPayload('t1', 'Ops Slack')).toMatchObject({ id: 't1', event: 'webhook.test', text: expect.stringContaining('[INFO]') });
  });
});

describe('retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 6 h (±10 %) and gives up after the sixth attempt', () => {
    expect(BACKOFF_MS.map((_, i) => backoffMs(i + 1, () => 0.5))).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    expect(backoffMs(1, () => 0)).toBe(27_000);
    expect(backoffMs(1, () => 1)).toBe(33_000);
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(3);
      expect(d).toBeGreaterThanOrEqual(540_000);
      expect(d).toBeLessThanOrEqual(660_000);
    }
    const now = new Date('2026-05-01T00:00:00Z');
    expect(nextState(0, true, now)).toEqual({ status: 'delivered', attempts: 1, nextAttemptAt: null });
    expect(nextState(0, false, now, () => 0.5)).toEqual({ status: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + 30_000) });
    expect(nextState(MAX_ATTEMPTS - 2, false, now).status).toBe('pending');
    expect(nextState(MAX_ATTEMPTS - 1, false, now)).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
  });
});
