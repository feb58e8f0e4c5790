// registered-models/alias: set (POST), get (GET) and delete (DELETE); every change audited with who and why.
import { getAlias } from '@/db/queries/registry';
import { moveAlias, removeAlias, validateAlias } from '../registry-service';
import { optionalString, requireString } from '../validation';
import { notFound } from './errors';
import { modelVersionJson } from './entities';
import { modelName, requireModel, requireVersion, versionOf } from './registry-common';
import type { Endpoint } from './router';

// The alias endpoint shares one path for three methods with different permissions: keyed by path#METHOD.
export const aliasEndpoints: Record<string, Endpoint> = {
  'registered-models/alias#GET': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const name = modelName(input);
      const alias = requireString('alias', input.alias);
      await requireModel(db, name);
      const version = await getAlias({ db, name, alias });
      if (version === null) throw notFound(`Registered model alias ${alias} not found.`);
      return { model_version: modelVersionJson(await requireVersion(db, name, version)) };
    },
  },
  'registered-models/alias#POST': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, audit, principal }) {
      const name = modelName(input);
      await requireModel(db, name);
      const reason = optionalString('reason', input.reason) || 'set through the MLflow API';
      // The MLflow API has no way to send an override: a blocked promotion is overridden from the registry page.
      await moveAlias({ db, audit, name, alias: validateAlias(input.alias), version: versionOf(input.version), reason, actor: { role: principal?.kind === 'user' ? principal.role : null } });
      return {};
    },
  },
  'registered-models/alias#DELETE': {
    methods: ['DELETE'],
    write: true,
    async handle({ db, input, audit }) {
      const name = modelName(input);
      await requireModel(db, name);
      const reason = optionalString('reason', input.reason) || 'deleted through the MLflow API';
      await removeAlias({ db, audit, name, alias: requireString('alias', input.alias), reason });
      return {};
    },
  },
};
