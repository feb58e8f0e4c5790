'use client';

// react-query hooks for the alerts page: rules, events, webhooks and a webhook's deliveries.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { driftTests } from '@/lib/monitoring/alert-metrics';
import type { DeliveryView as BaseDeliveryView, EventView, RuleView, WebhookView } from '@/lib/monitoring/alert-views';
import { apiFetch } from '@/lib/ui/api-client';

export type { EventView, RuleView, WebhookView };
/** A delivery as the deliveries list returns it: always with its attempts. */
export type DeliveryView = BaseDeliveryView & { attempt_log: NonNullable<BaseDeliveryView['attempt_log']> };
export type AlertStatusFilter = 'open' | 'acknowledged' | 'resolved' | 'all';

const BASE = '/api/v1/monitoring';
export const alertKeys = {
  all: ['monitoring-alerts'] as const,
  rules: ['monitoring-alerts', 'rules'] as const,
  events: (status: AlertStatusFilter, severity: string) => ['monitoring-alerts', 'events', status, severity] as const,
  webhooks: ['monitoring-alerts', 'webhooks'] as const,
  deliveries: (id: string) => ['monitoring-alerts', 'deliveries', id] as const,
};

export function useAlertRules() {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: () => apiFetch<{ alert_rules: (RuleView & { warning: string | null })[]; features: string[]; drift_tests: ReturnType<typeof driftTests>; can_manage: boolean }>(`${BASE}/alert-rules`),
  });
}

export function useAlertEvents(status: AlertStatusFilter, severity: string) {
  const q = new URLSearchParams({ limit: '100' });
  if (status !== 'all') q.set('status', status);
  if (severity) q.set('severity', severity);
  return useQuery({
    queryKey: alertKeys.events(status, severity),
    queryFn: () => apiFetch<{ alerts: EventView[]; total: number }>(`${BASE}/alerts?${q}`),
    refetchInterval: 60_000,
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: alertKeys.webhooks, queryFn: () => apiFetch<{ webhooks: WebhookView[]; can_manage: boolean }>(`${BASE}/webhooks`) });
}

/** Polls every 2 s while a delivery is still pending (a test delivery lands within seconds). */
export function useDeliveries(webhookId: string) {
  return useQuery({
    queryKey: alertKeys.deliveries(webhookId),
    queryFn: () => apiFetch<{ deliveries: DeliveryView[] }>(`${BASE}/webhooks/${webhookId}/deliveries?limit=20`),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 2000 : false),
  });
}

/** A POST/PATCH/DELETE that refreshes everything on the page afterwards (and the banner). */
export function useAlertMutation<TVars, TOut = unknown>(fn: (v: TVars) => Promise<TOut>, onDone?: (out: TOut) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      onDone?.(out);
      await Promise.all([qc.invalidateQueries({ queryKey: alertKeys.all }), qc.invalidateQueries({ queryKey: ['critical-alerts'] })]);
    },
  });
}

export const monitoringApi = {
  createRule: (body: Record<string, unknown>) => apiFetch<{ alert_rule: RuleView }>(`${BASE}/alert-rules`, { method: 'POST', body }),
  updateRule: ({ id, ...body }: { id: string } & Record<string, unknown>) => apiFetch<{ alert_rule: RuleView }>(`${BASE}/alert-rules/${id}`, { method: 'PATCH', body }),
  deleteRule: (id: string) => apiFetch(`${BASE}/alert-rules/${id}`, { method: 'DELETE' }),
  acknowledge: (id: string) => apiFetch(`${BASE}/alerts/${id}/acknowledge`, { method: 'POST' }),
  resolve: (id: string) => apiFetch(`${BASE}/alerts/${id}/resolve`, { method: 'POST' }),
  createWebhook: (body: Record<string, unknown>) => apiFetch<{ webhook: WebhookView & { secret: string } }>(`${BASE}/webhooks`, { method: 'POST', body }),
  deleteWebhook: (id: string) => apiFetch(`${BASE}/webhooks/${id}`, { method: 'DELETE' }),
  testWebhook: (id: string) => apiFetch<{ delivery: BaseDeliveryView }>(`${BASE}/webhooks/${id}/test`, { method: 'POST' }),
  redeliver: (id: string) => apiFetch<{ delivery: BaseDeliveryView }>(`${BASE}/deliveries/${id}/redeliver`, { method: 'POST' }),
};

export const SEVERITY_STYLE: Record<string, string> = {
  info: 'bg-slate-50 text-slate-700 ring-slate-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
  critical: 'bg-red-50 text-red-700 ring-red-200',
};

export const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
