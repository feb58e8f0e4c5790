// registered-models/* and model-versions/* endpoints.
import {
  archiveOtherVersions,
  deleteModelVersion,
  deleteModelVersionTag,
  deleteRegisteredModel,
  deleteRegisteredModelTag,
  getModelVersions,
  getRegisteredModels,
  insertModelVersion,
  insertRegisteredModel,
  searchModelVersions,
  searchRegisteredModels,
  setModelVersionTag,
  setRegisteredModelTag,
  updateModelVersion,
  updateRegisteredModel,
} from '@/db/queries/registry';
import { findRun } from '@/db/queries/tracking-runs';
import { parseRegistryFilter } from '../registry-filter';
import { LIMITS, optionalString, parseTags, requireString, validateKey, validateTagValue } from '../validation';
import { exists, invalid, notFound } from './errors';
import { modelVersionJson, registeredModelJson } from './entities';
import { decodePageToken, encodePageToken, maxResults, stringList } from './paging';
import { modelName, requireModel, requireVersion, STAGES, versionOf } from './registry-common';
import type { Endpoint } from './router';

export const registryEndpoints: Record<string, Endpoint> = {
  'registered-models/create': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now, userLabel }) {
      const name = modelName(input);
      const tags = parseTags('tags', input.tags, LIMITS.registryTagValueLength);
      const ok = await insertRegisteredModel({ db, name, description: optionalString('description', input.description) ?? '', userId: userLabel, tags, now });
      if (!ok) throw exists(`Registered Model (name=${name}) already exists.`);
      return { registered_model: registeredModelJson(await requireModel(db, name)) };
    },
  },
  'registered-models/get': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      return { registered_model: registeredModelJson(await requireModel(db, modelName(input))) };
    },
  },
  'registered-models/search': {
    methods: ['GET', 'POST'],
    write: false,
    async handle({ db, input }) {
      const limit = maxResults(input.max_results, 100, 1000);
      const offset = decodePageToken(input.page_token);
      const filter = parseRegistryFilter(optionalString('filter', input.filter), ['name']);
      const orderBy = stringList('order_by', input.order_by).map((o) => {
        const m = /^\s*(name|last_updated_timestamp|timestamp|creation_timestamp)\s*(ASC|DESC)?\s*$/i.exec(o);
        if (!m) throw invalid(`Invalid order_by clause '${o}'. Only name, last_updated_timestamp and creation_timestamp are supported.`);
        const field = m[1]!.toLowerCase() === 'timestamp' ? 'last_updated_timestamp' : (m[1]!.toLowerCase() as 'name' | 'last_updated_timestamp' | 'creation_timestamp');
        return { field, ascending: (m[2] ?? 'ASC').toUpperCase() === 'ASC' };
      });
      const { names, hasMore } = await searchRegisteredModels({ db, filter, orderBy, limit, offset });
      const models = await getRegisteredModels({ db, names });
      return { registered_models: models.map(registeredModelJson), ...(hasMore ? { next_page_token: encodePageToken(offset + limit) } : {}) };
    },
  },
  'registered-models/update': {
    methods: ['PATCH', 'POST'],
    write: true,
    async handle({ db, input, now }) {
      const name = modelName(input);
      await requireModel(db, name);
      await updateRegisteredModel({ db, name, patch: { description: optionalString('description', input.description) ?? '', lastUpdatedTimestamp: now } });
      return { registered_model: registeredModelJson(await requireModel(db, name)) };
    },
  },
  'registered-models/rename': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const name = modelName(input);
      const newName = modelName(input, 'new_name');
      await requireModel(db, name);
      const r = await updateRegisteredModel({ db, name, patch: { name: newName, lastUpdatedTimestamp: now } });
      if (r === 'duplicate') throw exists(`Registered Model (name=${newName}) already exists.`);
      return { registered_model: registeredModelJson(await requireModel(db, newName)) };
    },
  },
  'registered-models/delete': {
    methods: ['DELETE'],
    write: true,
    async handle({ db, input, audit }) {
      const name = modelName(input);
      if (!(await deleteRegisteredModel({ db, name }))) throw notFound(`Registered Model with name=${name} not found`);
      await audit('registry.model_delete', { type: 'registered_model', id: name });
      return {};
    },
  },
  'registered-models/set-tag': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const name = modelName(input);
      await requireModel(db, name);
      const key = validateKey('tag', input.key);
      await setRegisteredModelTag({ db, name, key, value: validateTagValue(key, input.value, LIMITS.registryTagValueLength) });
      return {};
    },
  },
  'registered-models/delete-tag': {
    methods: ['DELETE'],
    write: true,
    async handle({ db, input }) {
      const name = modelName(input);
      await requireModel(db, name);
      const key = requireString('key', input.key);
      if (!(await deleteRegisteredModelTag({ db, name, key }))) throw notFound(`No tag with name: ${key} for registered model ${name}`);
      return {};
    },
  },
  'registered-models/get-latest-versions': {
    methods: ['POST', 'GET'],
    write: false,
    async handle({ db, input }) {
      const m = await requireModel(db, modelName(input));
      const stages = stringList('stages', input.stages);
      const keys = m.latestVersions.filter((v) => !stages.length || stages.some((s) => s.toLowerCase() === v.currentStage.toLowerCase()));
      const versions = await getModelVersions({ db, keys: keys.map((v) => ({ name: v.name, version: v.version })) });
      return { model_versions: versions.map(modelVersionJson) };
    },
  },
  'model-versions/create': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now, userLabel, audit }) {
      const name = modelName(input);
      await requireModel(db, name);
      const source = requireString('source', input.source);
      const runId = optionalString('run_id', input.run_id) || null;
      if (runId && !(await findRun({ db, runId }))) throw notFound(`Run with id=${runId} not found`);
      const tags = parseTags('tags', input.tags, LIMITS.registryTagValueLength);
      const version = await insertModelVersion({
        db,
        version: {
          name,
          source,
          runId,
          runLink: optionalString('run_link', input.run_link) ?? '',
          description: optionalString('description', input.description) ?? '',
          userId: userLabel,
          creationTimestamp: now,
          lastUpdatedTimestamp: now,
          status: 'READY',
        },
        tags,
      });
      await audit('registry.version_create', { type: 'model_version', id: `${name}/${version}` }, { source, run_id: runId });
      return { model_version: modelVersionJson(await requireVersion(db, name, version)) };
    },
  },
  'model-versions/get': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      return { model_version: modelVersionJson(await requireVersion(db, modelName(input), versionOf(input.version))) };
    },
  },
  'model-versions/search': {
    methods: ['GET', 'POST'],
    write: false,
    async handle({ db, input }) {
      const limit = maxResults(input.max_results, 10_000, 200_000);
      const offset = decodePageToken(input.page_token);
      const filter = parseRegistryFilter(optionalString('filter', input.filter), ['name', 'run_id', 'source_path', 'version_number']);
      const { keys, hasMore } = await searchModelVersions({ db, filter, limit, offset });
      const versions = await getModelVersions({ db, keys });
      return { model_versions: versions.map(modelVersionJson), ...(hasMore ? { next_page_token: encodePageToken(offset + limit) } : {}) };
    },
  },
  'model-versions/update': {
    methods: ['PATCH', 'POST'],
    write: true,
    async handle({ db, input, now }) {
      const name = modelName(input);
      const version = versionOf(input.version);
      await requireVersion(db, name, version);
      await updateModelVersion({ db, name, version, patch: { description: optionalString('description', input.description) ?? '', lastUpdatedTimestamp: now } });
      return { model_version: modelVersionJson(await requireVersion(db, name, version)) };
    },
  },
  'model-versions/delete': {
    methods: ['DELETE'],
    write: true,
    async handle({ db, input, audit }) {
      const name = modelName(input);
      const version = versionOf(input.version);
      if (!(await deleteModelVersion({ db, name, version }))) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
      await audit('registry.version_delete', { type: 'model_version', id: `${name}/${version}` });
      return {};
    },
  },
  'model-versions/set-tag': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const name = modelName(input);
      const version = versionOf(input.version);
      await requireVersion(db, name, version);
      const key = validateKey('tag', input.key);
      await setModelVersionTag({ db, name, version, key, value: validateTagValue(key, input.value, LIMITS.registryTagValueLength) });
      return {};
    },
  },
  'model-versions/delete-tag': {
    methods: ['DELETE'],
    write: true,
    async handle({ db, input }) {
      const name = modelName(input);
      const version = versionOf(input.version);
      await requireVersion(db, name, version);
      const key = requireString('key', input.key);
      if (!(await deleteModelVersionTag({ db, name, version, key }))) throw notFound(`No tag with name: ${key} for model version ${name}/${version}`);
      return {};
    },
  },
  'model-versions/transition-stage': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now, audit }) {
      const name = modelName(input);
      const version = versionOf(input.version);
      const stage = STAGES.find((s) => s.toLowerCase() === String(input.stage ?? '').toLowerCase());
      if (!stage) throw invalid(`Invalid Model Version stage: ${String(input.stage)}. Value must be one of ${STAGES.join(', ')}.`);
      const before = await requireVersion(db, name, version);
      await updateModelVersion({ db, name, version, patch: { currentStage: stage, lastUpdatedTimestamp: now } });
      const archive = input.archive_existing_versions === true || input.archive_existing_versions === 'true';
      if (archive && (stage === 'Staging' || stage === 'Production')) await archiveOtherVersions({ db, name, version, stage, now });
      await audit('registry.stage_transition', { type: 'model_version', id: `${name}/${version}` }, { from: before.currentStage, to: stage, archive_existing_versions: archive });
      return { model_version: modelVersionJson(await requireVersion(db, name, version)) };
    },
  },
  'model-versions/get-download-uri': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const v = await requireVersion(db, modelName(input), versionOf(input.version));
      return { artifact_uri: v.source };
    },
  },
};
