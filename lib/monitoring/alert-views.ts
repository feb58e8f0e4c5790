// The JSON the alert, webhook and delivery routes answer with (snake_case, ISO times, never a webhook secret).
import type { AlertEventRow } from '@/db/queries/alerts';
import type { DeliveryWithAttempts, PublicWebhook } from '@/db/queries/webhooks';
import type { AlertRule, WebhookDelivery } from '@/db/monitoring-schema';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function ruleView(r: AlertRule) {
  return {
    id: r.id,
    name: r.name,
    metric: r.metric,
    feature: r.feature,
    comparison: r.comparison,
    threshold: r.threshold,
    consecutive: r.consecutive,
    window_kind: r.windowKind,
    severity: r.severity,
    enabled: r.enabled,
    retrain: r.retrain,
    auto_promote: r.autoPromote,
    created_by: r.createdBy,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}
export type RuleView = ReturnType<typeof ruleView>;

export function eventView(e: AlertEventRow) {
  return {
    id: e.id,
    rule: { id: e.ruleId, name: e.ruleName, metric: e.metric, feature: e.feature },
    model: { name: e.modelName, version: e.modelVersion },
    window: { kind: e.windowKind, start: iso(e.windowStart) },
    value: e.value,
    severity: e.severity,
    status: e.status,
    message: e.message,
    opened_at: iso(e.openedAt),
    acknowledged_by: e.acknowledgedBy,
    acknowledged_at: iso(e.acknowledgedAt),
    resolved_by: e.resolvedBy,
    resolved_at: iso(e.resolvedAt),
  };
}
export type EventView = ReturnType<typeof eventView>;

/**
 * A webhook URL often is itself a credential (a Slack incoming-webhook URL is): people who cannot manage webhooks see
 * only its origin.
 */
export function webhookView(w: PublicWebhook, fullUrl: boolean) {
  let url = w.url;
  if (!fullUrl) {
    try {
      url = `${new URL(w.url).origin}/…`;
    } catch {
      url = '…';
    }
  }
  return { id: w.id, name: w.name, url, min_severity: w.minSeverity, enabled: w.enabled, created_by: w.createdBy, created_at: iso(w.createdAt) };
}
export type WebhookView = ReturnType<typeof webhookView>;

export function deliveryView(d: WebhookDelivery | DeliveryWithAttempts) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    created_at: iso(d.createdAt),
    delivered_at: iso(d.deliveredAt),
    payload: d.payload,
    ...('attemptLog' in d
      ? { attempt_log: d.attemptLog.map((a) => ({ at: iso(a.at), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })) }
      : {}),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;
