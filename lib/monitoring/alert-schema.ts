// Request schemas and access rules of the alert, webhook and delivery routes, and the rule checks that need more
// than one field (shared by create and update, so a PATCH is checked as the rule it produces).
import { z } from 'zod';
import { ALERT_METRICS, ALERT_STATUSES, COMPARISONS, SEVERITIES, WINDOW_KINDS, type AlertMetric } from '@/db/monitoring-schema';
import type { Access } from '@/lib/api/handler';
import type { FieldIssue } from '@/lib/api/errors';
import { hasRole, type Role } from '@/lib/auth/roles';
import { isPerFeature } from './alert-metrics';

/** Reading alerts and their configuration: every signed-in role, or a key with the read or monitoring scope. */
export const MONITORING_READ = { role: 'stakeholder', scopes: ['read', 'monitoring'] } as const satisfies Access;
/** Changing rules, webhooks and alert states: data scientists (and admins), or a key with the monitoring scope. */
export const MONITORING_WRITE = { role: 'data_scientist', scopes: ['monitoring'] } as const satisfies Access;

export const idParamsSchema = z.object({ id: z.uuid('must be a UUID') });

const ruleFields = {
  name: z.string().trim().min(1, 'is required').max(120),
  metric: z.enum(ALERT_METRICS),
  feature: z.string().trim().min(1).max(100).nullable(),
  comparison: z.enum(COMPARISONS),
  /** zod 4 numbers are finite: Infinity and NaN are refused. */
  threshold: z.number(),
  consecutive: z.int().min(1).max(24),
  severity: z.enum(SEVERITIES),
  window_kind: z.enum(WINDOW_KINDS),
  enabled: z.boolean(),
  retrain: z.boolean(),
  auto_promote: z.boolean(),
};

export const createRuleSchema = z.strictObject({
  ...ruleFields,
  feature: ruleFields.feature.optional(),
  consecutive: ruleFields.consecutive.default(1),
  window_kind: ruleFields.window_kind.default('month'),
  enabled: ruleFields.enabled.default(true),
  retrain: ruleFields.retrain.default(false),
  auto_promote: ruleFields.auto_promote.default(false),
});
export type CreateRuleInput = z.infer<typeof createRuleSchema>;

export const updateRuleSchema = z
  .strictObject(Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]> })
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type UpdateRuleInput = z.infer<typeof updateRuleSchema>;

/** The fields of a rule that must agree with each other, in API (snake_case) names. */
export interface RuleShape {
  metric: AlertMetric;
  feature?: string | null;
  retrain: boolean;
  auto_promote: boolean;
}

/** Cross-field problems of a rule: the feature a per-feature metric needs (and only those take one), auto-promote without retrain. */
export function ruleIssues(rule: RuleShape, features: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (isPerFeature(rule.metric)) {
    if (!rule.feature) issues.push({ path: 'body.feature', message: `is required for the ${rule.metric} metric` });
    else if (!features.includes(rule.feature)) issues.push({ path: 'body.feature', message: `"${rule.feature}" is not a feature of the served model` });
  } else if (rule.feature) {
    issues.push({ path: 'body.feature', message: `the ${rule.metric} metric is not per feature; leave feature empty` });
  }
  if (rule.auto_promote && !rule.retrain) issues.push({ path: 'body.auto_promote', message: 'needs retrain: only a retraining policy can promote its challenger' });
  return issues;
}

export const listAlertsQuerySchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const httpUrl = z
  .url('must be a URL')
  .max(2000)
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http:// or https:// URL');

export const createWebhookSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120),
  url: httpUrl,
  /** The HMAC key; generated (32 random bytes, hex) when not given. */
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  min_severity: z.enum(SEVERITIES).default('warning'),
  enabled: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const listDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Whether the caller may change alert configuration (what MONITORING_WRITE lets through). */
export function canManageMonitoring(p: { kind: 'user'; role: Role } | { kind: 'api_key'; scopes: readonly string[] } | null): boolean {
  if (!p) return false;
  return p.kind === 'user' ? hasRole(p.role, MONITORING_WRITE.role) : p.scopes.some((s) => (MONITORING_WRITE.scopes as readonly string[]).includes(s));
}
