// Alias changes are the promotions and rollbacks of the product: every one is audited with who and why, whether it
// came from the MLflow API or from the registry page (which requires a reason).
import type { Db } from '@/db/client';
import { deleteAlias, getModelVersions, setAlias } from '@/db/queries/registry';
import { enforceGate } from '@/lib/fairness/gate';
import type { Role } from '@/lib/auth/roles';
import { SERVED_ALIAS } from '@/lib/ml/model-names';
import { announceAliasChange } from './alias-events';
import { invalid, notFound } from './mlflow/errors';
import { requireModel } from './mlflow/registry-common';

const ALIAS_RE = /^[\w-]*$/;

export function validateAlias(alias: unknown): string {
  if (typeof alias !== 'string' || alias === '') throw invalid(`Missing value for required parameter 'alias'.`);
  if (alias.length > 255 || !ALIAS_RE.test(alias)) throw invalid(`Invalid alias name: '${alias}'. Alias names may only contain alphanumerics, underscores and dashes, up to 255 characters.`);
  if (/^latest$/i.test(alias) || /^v\d+$/i.test(alias)) throw invalid(`'${alias}' is a reserved alias name and cannot be set.`);
  return alias;
}

type Audit = (action: string, target?: { type: string; id: string }, details?: Record<string, unknown>) => Promise<void>;

/** Who is moving the alias, for the fairness gate: an administrator may override it with a justification. */
export interface GateActor {
  role: Role | null;
  override?: { justification: string };
}

export async function moveAlias({ db, audit, name, alias, version, reason, actor }: { db: Db; audit: Audit; name: string; alias: string; version: number; reason: string; actor?: GateActor }) {
  const [v] = await getModelVersions({ db, keys: [{ name, version }] });
  if (!v) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  validateAlias(alias);
  // Every way of making a version the served one (registry page, MLflow API, auto-promotion) passes the fairness gate.
  const gate = alias === SERVED_ALIAS ? await enforceGate({ db, name, version, role: actor?.role ?? null, override: actor?.override, audit }) : null;
  const previous = await setAlias({ db, name, alias, version });
  announceAliasChange(name, alias);
  await audit(previous !== null && previous > version ? 'registry.alias_rollback' : 'registry.alias_set', { type: 'registered_model', id: name }, {
    alias,
    from_version: previous,
    to_version: version,
    reason,
    ...(gate ? { fairness_gate: { status: gate.status, overridden: gate.overridden ?? false, decision_revision: gate.decision?.revision ?? null, message: gate.message } } : {}),
  });
  return (await getModelVersions({ db, keys: [{ name, version }] }))[0]!;
}

/**
 * A promotion (or rollback) as the registry page makes it: the registered model must exist, then moveAlias checks the
 * version and the alias name, moves it and audits who and why. POST /api/v1/registry/aliases and monitoring's
 * auto-promotion both call this, so an automatic promotion passes exactly the checks a person's does.
 */
export async function promoteVersion(args: { db: Db; audit: Audit; name: string; alias: string; version: number; reason: string; actor?: GateActor }) {
  await requireModel(args.db, args.name);
  return moveAlias(args);
}

export async function removeAlias({ db, audit, name, alias, reason }: { db: Db; audit: Audit; name: string; alias: string; reason: string }) {
  const previous = await deleteAlias({ db, name, alias });
  if (previous === null) throw notFound(`Registered model alias ${alias} not found.`);
  announceAliasChange(name, alias);
  await audit('registry.alias_delete', { type: 'registered_model', id: name }, { alias, from_version: previous, reason });
}
