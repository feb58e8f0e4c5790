import { route } from '@/lib/api/handler';
import { modelVersionJson } from '@/lib/tracking/mlflow/entities';
import { requireModel } from '@/lib/tracking/mlflow/registry-common';
import { promoteVersion, removeAlias } from '@/lib/tracking/registry-service';
import { aliasBody, aliasDeleteBody } from '@/lib/tracking/schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Promote or roll back: point an alias (champion, challenger, …) at a version. A reason is required and audited.
 * @champion passes the fairness gate first (409 when the recorded criterion fails; an administrator may send
 * `fairness_override: {justification}`).
 */
export const POST = route({ access: { role: 'data_scientist' }, body: aliasBody }, async ({ db, body, audit, principal }) => {
  const { fairness_override, ...rest } = body;
  const v = await promoteVersion({ db, audit, ...rest, actor: { role: principal?.kind === 'user' ? principal.role : null, override: fairness_override } });
  return { model_version: modelVersionJson(v) };
});

export const DELETE = route({ access: { role: 'data_scientist' }, body: aliasDeleteBody }, async ({ db, body, audit }) => {
  await requireModel(db, body.name);
  await removeAlias({ db, audit, ...body });
  return {};
});
