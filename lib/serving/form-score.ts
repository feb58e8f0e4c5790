// The scoring form's request: one record, and optionally the same record with some fields changed ("what if"). Both
// rows go through one predict call (explained, logged with source 'form'), so the two scores come from the same model
// version. The what-if row is logged without the customer id: it is a hypothetical, not the customer's score; the
// request id and row index (0 = base, 1 = what-if) tie the two log rows together.
import type { Db } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { recommendAction, type RecommendedAction } from './action';
import type { DecisionPolicy } from './policy';
import { CUSTOMER_ID, type Prediction, type RowIssue } from './predict';
import type { ServedModel } from './served-model';
import { predict } from './service';

export const FORM_TOP_REASONS = 5;

export interface ScoredRecord extends Prediction {
  action: RecommendedAction;
}

export interface FormScoreResponse {
  model: { name: string; version: string };
  policy: DecisionPolicy;
  base: ScoredRecord;
  what_if?: ScoredRecord & { delta_probability: number };
  /** The what-if fields whose value differs from the base record, in model feature order. */
  changed: string[];
}

export interface FormScoreArgs {
  db: Db;
  model: ServedModel;
  record: Record<string, unknown>;
  whatIf?: Record<string, unknown>;
  requestId: string;
  principal: Principal | null;
  startedAt: number;
}

/** A 422 whose details point at the form's own body: body.record.<field> or body.what_if.<field>. */
function formIssuesError(issues: RowIssue[], overrides: Record<string, unknown> | undefined): ApiError {
  const details = issues
    // Row 1 repeats row 0's problems for every field the what-if did not change; report those once, on the record.
    .filter((i) => i.row === 0 || (overrides && i.field in overrides))
    .map((i) => {
      const where = i.row === 0 ? 'record' : 'what_if';
      return { path: `body.${where}${i.field.startsWith('(') ? '' : `.${i.field}`}`, field: i.field, message: i.message };
    });
  const first = details[0]!;
  return new ApiError('validation_failed', `${details.length} invalid field${details.length === 1 ? '' : 's'}; first: ${first.path} ${first.message}`, details);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a ?? null, b ?? null);
}

export async function scoreForm(args: FormScoreArgs): Promise<FormScoreResponse> {
  const { model, record, whatIf } = args;
  if (whatIf && CUSTOMER_ID in whatIf) {
    throw new ApiError('validation_failed', 'A what-if changes features, not the customer id', [{ path: `body.what_if.${CUSTOMER_ID}`, field: CUSTOMER_ID, message: 'cannot be changed in a what-if' }]);
  }
  const rows: Record<string, unknown>[] = [record];
  if (whatIf) {
    const { [CUSTOMER_ID]: _id, ...features } = record;
    rows.push({ ...features, ...whatIf });
  }
  const out = await predict({
    db: args.db, model, rows, explain: true, source: 'form', requestId: args.requestId, principal: args.principal, startedAt: args.startedAt, topK: FORM_TOP_REASONS,
    issuesError: (issues) => formIssuesError(issues, whatIf),
  });
  const scored = (i: number): ScoredRecord => {
    const p = out.predictions[i]!;
    const charge = rows[i]!.monthly_charge;
    return { ...p, action: recommendAction(p, typeof charge === 'number' ? charge : null, out.policy.economics) };
  };
  const base = scored(0);
  const order = model.manifest.features.map((f) => f.name);
  const changed = whatIf ? order.filter((name) => name in whatIf && !sameValue(record[name], whatIf[name])) : [];
  if (!whatIf) return { model: out.model, policy: out.policy, base, changed };
  const alt = scored(1);
  return { model: out.model, policy: out.policy, base, what_if: { ...alt, delta_probability: alt.churn_probability - base.churn_probability }, changed };
}
