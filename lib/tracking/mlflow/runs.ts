// runs/* and metrics/* endpoints.
import { randomUUID } from 'node:crypto';
import { deleteRunTag, findRun, getRuns, insertRun, logBatch, logInputs, metricHistory, updateRun, type MetricPoint } from '@/db/queries/tracking-runs';
import { searchRunIds } from '@/db/queries/tracking-search';
import type { Db } from '@/db/client';
import type { RunRow } from '@/db/schema';
import { parseRunFilter, parseRunOrderBy } from '@/lib/tracking/search';
import { artifactPathOfUri, listArtifacts, safeRelative } from '../artifacts';
import { runName as generateRunName } from '../run-names';
import {
  encodeMetricValue,
  LIMITS,
  RUN_ID_RE,
  optionalString,
  parseBatch,
  parseInt64,
  parseMetricValue,
  parseTags,
  requireString,
  validateKey,
  validateParamValue,
  validateTagValue,
} from '../validation';
import { invalid, notFound } from './errors';
import { runInfoJson, runJson } from './entities';
import { experimentIdOf, grammar, requireExperiment, viewTypeOf } from './experiments';
import { decodePageToken, encodePageToken, maxResults, stringList } from './paging';
import type { Endpoint } from './router';

const STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;

function runIdOf(input: Record<string, unknown>): string {
  const id = requireString('run_id', input.run_id ?? input.run_uuid);
  if (!RUN_ID_RE.test(id)) throw notFound(`Run with id=${id} not found`);
  return id;
}

async function requireRun(db: Db, id: string): Promise<RunRow> {
  const r = await findRun({ db, runId: id });
  if (!r) throw notFound(`Run with id=${id} not found`);
  return r;
}

/** Logging needs the run (and its experiment) to be active, as in MLflow. */
async function requireActiveRun(db: Db, id: string): Promise<RunRow> {
  const r = await requireRun(db, id);
  if (r.lifecycleStage !== 'active') throw invalid(`The run ${id} must be in the 'active' state. Current state is ${r.lifecycleStage}.`);
  return r;
}

async function write(db: Db, runId: string, batch: { metrics: MetricPoint[]; params: { key: string; value: string }[]; tags: { key: string; value: string }[] }) {
  const { conflicts } = await logBatch({ db, runId, ...batch });
  if (conflicts.length) {
    const list = conflicts.map((c) => `{'key': '${c.key}', 'old_value': '${c.old_value}', 'new_value': '${c.new_value}'}`).join(', ');
    throw invalid(`Changing param values is not allowed. Params were already logged='[${list}]' for run ID='${runId}'.`);
  }
}

async function runResponse(db: Db, runId: string) {
  const [run] = await getRuns({ db, ids: [runId] });
  return { run: runJson(run!) };
}

export const runEndpoints: Record<string, Endpoint> = {
  'runs/create': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now, userLabel }) {
      const experimentId = input.experiment_id === undefined || input.experiment_id === '' ? 0 : experimentIdOf(input.experiment_id);
      const exp = await requireExperiment(db, experimentId);
      if (exp.lifecycleStage !== 'active') throw invalid(`The experiment ${experimentId} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`);
      const tags = parseTags('tags', input.tags);
      const tagName = tags.find((t) => t.key === 'mlflow.runName')?.value;
      const runName = optionalString('run_name', input.run_name) || tagName || generateRunName();
      if (!tagName) tags.push({ key: 'mlflow.runName', value: runName });
      const userId = optionalString('user_id', input.user_id) ?? tags.find((t) => t.key === 'mlflow.user')?.value ?? userLabel;
      const runId = randomUUID().replace(/-/g, '');
      await insertRun({
        db,
        run: {
          runId,
          experimentId,
          runName,
          userId,
          status: 'RUNNING',
          startTime: parseInt64('start_time', input.start_time, now),
          artifactUri: `${exp.artifactLocation}/${runId}/artifacts`,
          parentRunId: tags.find((t) => t.key === 'mlflow.parentRunId')?.value ?? null,
        },
        tags,
      });
      return runResponse(db, runId);
    },
  },
  'runs/get': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const id = runIdOf(input);
      await requireRun(db, id);
      return runResponse(db, id);
    },
  },
  'runs/update': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      await requireActiveRun(db, id);
      const status = optionalString('status', input.status);
      if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw invalid(`Invalid value ${status} for parameter 'status'`);
      const runName = optionalString('run_name', input.run_name);
      const endTime = input.end_time === undefined || input.end_time === null ? undefined : parseInt64('end_time', input.end_time);
      const updated = await updateRun({ db, runId: id, patch: { ...(status ? { status } : {}), ...(endTime !== undefined ? { endTime } : {}), ...(runName ? { runName } : {}) } });
      if (runName) await write(db, id, { metrics: [], params: [], tags: [{ key: 'mlflow.runName', value: runName }] });
      return { run_info: runInfoJson(updated!) };
    },
  },
  'runs/delete': {
    methods: ['POST'],
    write: true,
    async handle({ db, input, now }) {
      const id = runIdOf(input);
      await requireRun(db, id);
      await updateRun({ db, runId: id, patch: { lifecycleStage: 'deleted', deletedTime: now } });
      return {};
    },
  },
  'runs/restore': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      await requireRun(db, id);
      await updateRun({ db, runId: id, patch: { lifecycleStage: 'active', deletedTime: null } });
      return {};
    },
  },
  'runs/log-metric': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const key = validateKey('metric', input.key);
      const point = { key, value: parseMetricValue(key, input.value), timestamp: parseInt64('timestamp', input.timestamp), step: parseInt64('step', input.step, 0) };
      await requireActiveRun(db, id);
      await write(db, id, { metrics: [point], params: [], tags: [] });
      return {};
    },
  },
  'runs/log-parameter': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const key = validateKey('param', input.key);
      const value = validateParamValue(key, input.value);
      await requireActiveRun(db, id);
      await write(db, id, { metrics: [], params: [{ key, value }], tags: [] });
      return {};
    },
  },
  'runs/set-tag': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const key = validateKey('tag', input.key);
      const value = validateTagValue(key, input.value);
      await requireActiveRun(db, id);
      await write(db, id, { metrics: [], params: [], tags: [{ key, value }] });
      return {};
    },
  },
  'runs/delete-tag': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const key = requireString('key', input.key);
      await requireActiveRun(db, id);
      if (!(await deleteRunTag({ db, runId: id, key }))) throw notFound(`No tag with name: ${key} in run with id ${id}`);
      return {};
    },
  },
  'runs/log-batch': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      // MLflow's MAX_BATCH_LOG_REQUEST_SIZE: the request as a whole, not only the entity counts.
      const size = Buffer.byteLength(JSON.stringify(input));
      if (size > LIMITS.batchBytes) throw invalid(`Batched logging API requests must be at most ${LIMITS.batchBytes} bytes, got a request of size ${size}.`);
      const batch = parseBatch(input);
      await requireActiveRun(db, id);
      await write(db, id, batch);
      return {};
    },
  },
  'runs/log-inputs': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const raw = input.datasets === undefined ? [] : input.datasets;
      if (!Array.isArray(raw)) throw invalid(`Invalid value for parameter 'datasets': expected a list.`);
      const datasets = raw.map((d) => {
        const o = d as { dataset?: Record<string, unknown>; tags?: unknown };
        const ds = o?.dataset;
        if (!ds || typeof ds !== 'object') throw invalid(`Missing value for required parameter 'datasets.dataset'.`);
        const name = requireString('dataset.name', ds.name);
        const digest = requireString('dataset.digest', ds.digest);
        requireString('dataset.source_type', ds.source_type);
        requireString('dataset.source', ds.source);
        return { dataset: { ...ds, name, digest }, tags: parseTags('tags', o.tags) };
      });
      await requireActiveRun(db, id);
      await logInputs({ db, runId: id, datasets });
      return {};
    },
  },
  'runs/log-model': {
    methods: ['POST'],
    write: true,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const modelJson = requireString('model_json', input.model_json);
      try {
        JSON.parse(modelJson);
      } catch {
        throw invalid(`Invalid value for parameter 'model_json': not valid JSON.`);
      }
      const run = await requireActiveRun(db, id);
      // MLflow appends each logged model to the `mlflow.log-model.history` tag.
      const [current] = await getRuns({ db, ids: [run.runId] });
      const prev = current!.tags.find((t) => t.key === 'mlflow.log-model.history')?.value;
      const history = prev ? (JSON.parse(prev) as unknown[]) : [];
      history.push(JSON.parse(modelJson));
      await write(db, id, { metrics: [], params: [], tags: [{ key: 'mlflow.log-model.history', value: JSON.stringify(history).slice(0, LIMITS.tagValueLength) }] });
      return {};
    },
  },
  'runs/search': {
    methods: ['POST', 'GET'],
    write: false,
    async handle({ db, input }) {
      const limit = maxResults(input.max_results);
      const offset = decodePageToken(input.page_token);
      const experimentIds = stringList('experiment_ids', input.experiment_ids).map(experimentIdOf);
      const filter = grammar(() => parseRunFilter(optionalString('filter', input.filter)));
      const orderBy = grammar(() => parseRunOrderBy(stringList('order_by', input.order_by)));
      const { runIds, hasMore } = await searchRunIds({
        db,
        search: { experimentIds, filter, orderBy, runViewType: viewTypeOf(input.run_view_type), maxResults: limit, offset },
      });
      const found = await getRuns({ db, ids: runIds });
      return { ...(found.length ? { runs: found.map(runJson) } : {}), ...(hasMore ? { next_page_token: encodePageToken(offset + limit) } : {}) };
    },
  },
  'artifacts/list': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const run = await requireRun(db, id);
      const root = artifactPathOfUri(run.artifactUri);
      const sub = safeRelative(optionalString('path', input.path) ?? '');
      const files = root === null ? [] : listArtifacts(sub ? `${root}/${sub}` : root).map((f) => ({ ...f, path: sub ? `${sub}/${f.path}` : f.path }));
      return { root_uri: run.artifactUri, ...(files.length ? { files } : {}) };
    },
  },
  'metrics/get-history': {
    methods: ['GET'],
    write: false,
    async handle({ db, input }) {
      const id = runIdOf(input);
      const key = requireString('metric_key', input.metric_key);
      const limit = maxResults(input.max_results, LIMITS.historyMaxResults, LIMITS.historyMaxResults);
      const after = input.page_token ? decodePageToken(input.page_token) : 0;
      await requireRun(db, id);
      const points = await metricHistory({ db, runId: id, key, limit: limit + 1, afterId: after || undefined });
      const page = points.slice(0, limit);
      return {
        metrics: page.map((p) => ({ key: p.key, value: encodeMetricValue(p.value), timestamp: p.timestamp, step: p.step })),
        ...(points.length > limit ? { next_page_token: encodePageToken(page.at(-1)!.id) } : {}),
      };
    },
  },
};
