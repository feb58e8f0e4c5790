import { listAlertRules } from '@/db/queries/alerts';
import { json, route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { canManageMonitoring, createRuleSchema, MONITORING_READ, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { createRule, modelFeatureNames, ruleWarning, servedDriftTests } from '@/lib/monitoring/alert-service';
import { ruleView } from '@/lib/monitoring/alert-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Alert rules, newest first, with the served model's feature names (what per-feature rules may name) and how the
 * newest window tests each of them (`p_value` tests: lower means more drift). A drift-score rule that points the
 * wrong way for its test carries a `warning`.
 */
export const GET = route({ access: MONITORING_READ }, async ({ db, principal }) => {
  const [rules, features, tests] = await Promise.all([listAlertRules({ db }), modelFeatureNames(db), servedDriftTests(db)]);
  return {
    alert_rules: rules.map((r) => ({ ...ruleView(r), warning: ruleWarning(r, tests) })),
    features,
    drift_tests: tests,
    can_manage: canManageMonitoring(principal),
  };
});

/** Creates a rule (201). A rule with `retrain` is a retraining policy; `auto_promote` needs `retrain`. */
export const POST = route({ access: MONITORING_WRITE, body: createRuleSchema }, async ({ db, body, principal, audit }) => {
  const rule = await createRule({ db, input: body, createdBy: principal ? principalLabel(principal) : null });
  await audit('alert_rule.create', { type: 'alert_rule', id: rule.id }, { name: rule.name, metric: rule.metric, feature: rule.feature, comparison: rule.comparison, threshold: rule.threshold, consecutive: rule.consecutive, severity: rule.severity, retrain: rule.retrain, auto_promote: rule.autoPromote });
  return json({ alert_rule: { ...ruleView(rule), warning: ruleWarning(rule, await servedDriftTests(db)) } }, 201, { location: `/api/v1/monitoring/alert-rules/${rule.id}` });
});
