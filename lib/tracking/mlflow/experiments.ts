// experiments/* endpoints.
import {
  deleteExperimentTag,
  findExperimentByName,
  getExperiments,
  insertExperiment,
  setExperimentTag,
  updateExperiment,
} from '@/db/queries/tracking-experiments';
import { searchExperimentIds } from '@/db/queries/tracking-search';
import type { Db } from '@/db/client';
import { parseExperimentFilter, parseExperimentOrderBy, SearchSyntaxError } from '@/lib/tracking/search';
import { LIMITS, optionalString, parseTags, requireString, validateKey, validateTagValue } from '../validation';
import { exists, invalid, notFound } from './errors';
import { experimentJson } from './entities';
import { decodePageToken, encodePageToken, maxResults, stringList } from './paging';
import type { Endpoint } from './router';

export function experimentIdOf(v: unknown): number {
  const s = requireString('experiment_id', v);
  if (!/^\d{1,18}$/.test(s)) throw notFound(`No Experiment with id=${s} exists`);
  return Number(s);
}

export async function requireExperiment(db: Db, id: number) {
  const [e] = await getExperiments({ db, ids: [id] });
  if (!e) throw notFound(`No Experiment with id=${id} exists`);
  return e;
}

function validateName(v: unknown): string {
  const name = requireString('name', v);
  if (name.length > LIMITS.experimentNameLength) throw invalid(`Experiment name exceeds the maximum length of ${LIMITS.experimentNameLength} characters`);
  return name;
}

export function viewTypeOf(v: unknown): 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' {
  const s = v === undefined || v === null || v === '' ? 'ACTIVE_ONLY' : String(v);
  if (s === '1') return 'ACTIVE_ONLY';
  if (s === '2') return 'DELETED_ONLY';
  if (s === '3') return 'ALL';
  if (s === 'ACTIVE_ONLY' || s === 'DELETED_ONLY' || s === 'ALL') return s;
  throw invalid(`Invalid value ${JSON.stringify(v)} for parameter 'view_type': expected ACTIVE_ONLY, DELETED_ONLY or ALL`);
}

/** Search-grammar errors become MLflow's INVALID_PARAMETER_VALUE with the parser's message (it names the position). */
export function grammar<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw invalid(e.message);
    throw e;
  }
}

export const experimentEndpoints: Record<string, Endpoint> = {
  'experiments/create': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const name = validateName(input.name);
      const tags = parseTags('tags', input.tags);
      const id = await insertExperiment({ db, name, artifactLocation: optionalString('artifact_location', input.artifact_location) || undefined, tags, now });
      if (id === null) throw exists(`Experiment(name=${name}) already exists.`);
      return { experiment_id: String(id) };
    },
  },
  'experiments/get': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      return { experiment: experimentJson(await requireExperiment(db, experimentIdOf(input.experiment_id))) };
    },
  },
  'experiments/get-by-name': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const name = requireString('experiment_name', input.experiment_name);
      const e = await findExperimentByName({ db, name });
      if (!e) throw notFound(`Could not find experiment with name '${name}'`);
      return { experiment: experimentJson(e) };
    },
  },
  'experiments/search': {
    methods: ['GET', 'POST'],
    write: false,
    async handle({ db, input }) {
      const limit = maxResults(input.max_results, 1000);
      const offset = decodePageToken(input.page_token);
      const filter = grammar(() => parseExperimentFilter(optionalString('filter', input.filter)));
      const orderBy = grammar(() => parseExperimentOrderBy(stringList('order_by', input.order_by)));
      const { experimentIds, hasMore } = await searchExperimentIds({ db, filter, orderBy, viewType: viewTypeOf(input.view_type), maxResults: limit, offset });
      const found = await getExperiments({ db, ids: experimentIds });
      return { ...(found.length ? { experiments: found.map(experimentJson) } : {}), ...(hasMore ? { next_page_token: encodePageToken(offset + limit) } : {}) };
    },
  },
  'experiments/update': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const id = experimentIdOf(input.experiment_id);
      const e = await requireExperiment(db, id);
      if (e.lifecycleStage !== 'active') throw invalid(`Cannot rename a non-active experiment.`);
      const newName = optionalString('new_name', input.new_name);
      if (newName) {
        const r = await updateExperiment({ db, id, patch: { name: validateName(newName) }, now });
        if (r === 'duplicate') throw exists(`Experiment(name=${newName}) already exists.`);
      }
      return {};
    },
  },
  'experiments/delete': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const id = experimentIdOf(input.experiment_id);
      if (id === 0) throw invalid('Cannot delete the default experiment \'0\'. This is an internally reserved experiment.');
      await requireExperiment(db, id);
      await updateExperiment({ db, id, patch: { lifecycleStage: 'deleted' }, now });
      return {};
    },
  },
  'experiments/restore': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const id = experimentIdOf(input.experiment_id);
      await requireExperiment(db, id);
      await updateExperiment({ db, id, patch: { lifecycleStage: 'active' }, now });
      return {};
    },
  },
  'experiments/set-experiment-tag': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = experimentIdOf(input.experiment_id);
      await requireExperiment(db, id);
      const key = validateKey('tag', input.key);
      await setExperimentTag({ db, id, key, value: validateTagValue(key, input.value) });
      return {};
    },
  },
  'experiments/delete-tag': {
    methods: ['POST', 'DELETE'],
    write: true,
    async handle({ db, input }) {
      const id = experimentIdOf(input.experiment_id);
      await requireExperiment(db, id);
      const key = requireString('key', input.key);
      if (!(await deleteExperimentTag({ db, id, key }))) throw notFound(`No tag with name: ${key} in experiment with id ${id}`);
      return {};
    },
  },
};
