import { route } from '@/lib/api/handler';
import { idParamsSchema, MONITORING_WRITE, updateRuleSchema } from '@/lib/monitoring/alert-schema';
import { removeRule, updateRule } from '@/lib/monitoring/alert-service';
import { ruleView } from '@/lib/monitoring/alert-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Changes some fields of a rule; the result is checked as a whole (e.g. auto_promote still needs retrain). */
export const PATCH = route({ access: MONITORING_WRITE, params: idParamsSchema, body: updateRuleSchema }, async ({ db, params, body, audit }) => {
  const { before, after } = await updateRule({ db, id: params.id, input: body });
  const changed = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[])
      .filter((k) => k !== 'updatedAt' && String(before[k]) !== String(after[k]))
      .map((k) => [k, { from: before[k], to: after[k] }]),
  );
  await audit('alert_rule.update', { type: 'alert_rule', id: after.id }, changed);
  return { alert_rule: ruleView(after) };
});

/** Deletes a rule and its alert history (disable it instead to keep the history). */
export const DELETE = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, audit }) => {
  const rule = await removeRule({ db, id: params.id });
  await audit('alert_rule.delete', { type: 'alert_rule', id: rule.id }, { name: rule.name });
  return { alert_rule: ruleView(rule), deleted: true };
});
