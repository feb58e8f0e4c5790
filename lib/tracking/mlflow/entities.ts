// Our rows in MLflow's JSON shapes (mlflow/protos/service.proto, model_registry.proto): snake_case, ids as strings,
// times as epoch milliseconds, NaN/±Infinity as strings, empty lists omitted the way protobuf JSON does.
import type { ExperimentWithTags } from '@/db/queries/tracking-experiments';
import type { RunWithData } from '@/db/queries/tracking-runs';
import type { ModelVersionRow, RegisteredModelRow, RunRow } from '@/db/schema';
import { encodeMetricValue } from '../validation';

const list = <T>(xs: T[]) => (xs.length ? xs : undefined);

export function experimentJson(e: ExperimentWithTags) {
  return {
    experiment_id: String(e.experimentId),
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    creation_time: e.creationTime,
    last_update_time: e.lastUpdateTime,
    tags: list(e.tags),
  };
}

export function runInfoJson(r: RunRow) {
  return {
    run_id: r.runId,
    run_uuid: r.runId,
    run_name: r.runName,
    experiment_id: String(r.experimentId),
    user_id: r.userId,
    status: r.status,
    start_time: r.startTime,
    ...(r.endTime !== null ? { end_time: r.endTime } : {}),
    artifact_uri: r.artifactUri,
    lifecycle_stage: r.lifecycleStage,
  };
}

export function runJson(r: RunWithData) {
  return {
    info: runInfoJson(r.info),
    data: {
      metrics: list(r.metrics.map((m) => ({ key: m.key, value: encodeMetricValue(m.value), timestamp: m.timestamp, step: m.step }))),
      params: list(r.params),
      tags: list(r.tags),
    },
    inputs: { dataset_inputs: list(r.inputs.map((i) => ({ tags: list(i.tags), dataset: i.dataset }))) },
  };
}

export function modelVersionJson(v: ModelVersionRow & { tags?: { key: string; value: string }[]; aliases?: string[] }) {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    user_id: v.userId,
    current_stage: v.currentStage,
    description: v.description,
    source: v.source,
    ...(v.runId ? { run_id: v.runId } : {}),
    status: v.status,
    status_message: v.statusMessage || undefined,
    run_link: v.runLink,
    tags: list(v.tags ?? []),
    aliases: list(v.aliases ?? []),
  };
}

export function registeredModelJson(
  m: RegisteredModelRow & {
    tags: { key: string; value: string }[];
    aliases: { alias: string; version: number }[];
    latestVersions: (ModelVersionRow & { aliases?: string[] })[];
  },
) {
  return {
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    user_id: m.userId,
    description: m.description,
    latest_versions: list(m.latestVersions.map(modelVersionJson)),
    tags: list(m.tags),
    aliases: list(m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) }))),
  };
}
