// The promotion gate. Moving @champion to a version re-checks the model's newest fairness decision record on that
// version's own audit data (its test month, decided at its active threshold policy if it has one). A violation — or
// audit data that cannot be found — blocks the promotion unless an administrator overrides it with a written
// justification, which is audited. Without a decision record there is nothing to enforce, and the promotion says so.
import type { Db } from '@/db/client';
import { latestDecision, type DecisionRow } from '@/db/queries/fairness';
import { ApiError } from '@/lib/api/errors';
import type { Role } from '@/lib/auth/roles';
import { evaluateCriterion } from './criteria';
import { criterionGroups } from './criterion-groups';
import type { AuditResult } from './audit';
import { auditVersion } from './version-audit';
import type { Convention, Criterion, ReferenceChoice, Tolerance } from './types';

export interface GateCheck {
  status: 'no_decision' | 'pass' | 'fail' | 'no_data';
  message: string;
  decision?: { revision: number; criterion: string; convention: string; tolerance: unknown; attributes: string[] };
  source?: string;
  checks?: { attribute: string; pass: boolean; summary: string }[];
}

type Audit = (action: string, target?: { type: string; id: string }, details?: Record<string, unknown>) => Promise<void>;

/** The criterion's evaluation on one attribute (or intersection) of an audit. */
export function evaluateOn(result: AuditResult, attribute: string, d: { criterion: Criterion; convention: Convention; reference?: ReferenceChoice | null; tolerance: Tolerance; minGroupSize: number }) {
  const groups = criterionGroups(result.by_group[attribute] ?? {}, d.criterion);
  return evaluateCriterion({
    criterion: d.criterion,
    convention: d.convention,
    reference: d.reference ?? undefined,
    tolerance: d.tolerance,
    groups,
    overall: result.overall as unknown as Record<string, number | null>,
    minGroupSize: d.minGroupSize,
  });
}

function decisionOf(row: DecisionRow) {
  return { revision: row.revision, criterion: row.criterion, convention: row.convention, tolerance: row.tolerance, attributes: row.attributes };
}

export async function checkGate(db: Db, name: string, version: number): Promise<GateCheck> {
  const decision = await latestDecision({ db, modelName: name });
  if (!decision) return { status: 'no_decision', message: `${name} has no fairness decision record; nothing to enforce.` };
  let result;
  try {
    const evidenceMonth = (decision.evidence as { source?: { kind?: string; month?: string } }).source;
    result = await auditVersion(db, name, version, { applyPolicy: true, minGroupSize: decision.minGroupSize }).catch(async (e) => {
      // A version without a test split in this database (imported) is checked on the month the decision was made on.
      if (evidenceMonth?.kind === 'month' && evidenceMonth.month) return auditVersion(db, name, version, { applyPolicy: true, minGroupSize: decision.minGroupSize, month: evidenceMonth.month });
      throw e;
    });
  } catch (e) {
    return { status: 'no_data', message: `The fairness criterion of decision record #${decision.revision} cannot be checked on ${name} v${version}: ${(e as Error).message}`, decision: decisionOf(decision) };
  }
  const d = {
    criterion: decision.criterion as Criterion,
    convention: decision.convention as Convention,
    reference: decision.reference as ReferenceChoice | null,
    tolerance: decision.tolerance as unknown as Tolerance,
    minGroupSize: decision.minGroupSize,
  };
  const checks = decision.attributes.map((attribute) => {
    const ev = evaluateOn(result, attribute, d);
    return { attribute, pass: ev.pass, summary: ev.summary };
  });
  const failed = checks.filter((c) => !c.pass);
  const policy = result.policy ? ` at fairness policy #${result.policy.id}'s per-${result.policy.attribute} thresholds` : ` at its threshold ${result.data.threshold}`;
  return {
    status: failed.length ? 'fail' : 'pass',
    message: failed.length
      ? `${name} v${version} violates decision record #${decision.revision} (${decision.criterion.replaceAll('_', ' ')}) on ${failed.map((c) => c.attribute).join(', ')}${policy}: ${failed.map((c) => c.summary).join(' ')}`
      : `${name} v${version} meets decision record #${decision.revision} (${decision.criterion.replaceAll('_', ' ')}) on ${checks.map((c) => c.attribute).join(', ')}${policy}.`,
    decision: decisionOf(decision),
    source: result.data.source.label,
    checks,
  };
}

/**
 * Runs the gate for a promotion to @champion. Returns the check (to be recorded with the promotion); throws 409 when
 * it blocks, 403 when someone other than an administrator tries to override.
 */
export async function enforceGate(a: { db: Db; name: string; version: number; role: Role | null; override?: { justification: string }; audit: Audit }): Promise<GateCheck & { overridden?: boolean }> {
  const check = await checkGate(a.db, a.name, a.version);
  if (check.status === 'pass' || check.status === 'no_decision') return check;
  if (!a.override) {
    throw new ApiError('conflict', `Fairness gate: ${check.message} An administrator can override with a written justification.`, { fairness_gate: check });
  }
  if (a.role !== 'admin') throw new ApiError('forbidden', 'Only an administrator can override the fairness gate.', { fairness_gate: check });
  await a.audit('fairness.gate_override', { type: 'model_version', id: `${a.name}/${a.version}` }, { justification: a.override.justification, gate: check });
  return { ...check, overridden: true };
}
