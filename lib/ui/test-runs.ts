// Small run fixtures for the tracking UI's unit tests.
import type { Run, RunStatus } from './tracking-types';

export function makeRun(
  id: string,
  opts: {
    name?: string;
    params?: Record<string, string>;
    metrics?: Record<string, number | 'NaN' | 'Infinity' | '-Infinity'>;
    tags?: Record<string, string>;
    parent?: string;
    start?: number;
    end?: number;
    status?: RunStatus;
    experiment?: string;
  } = {},
): Run {
  const tags = { ...(opts.tags ?? {}), ...(opts.parent ? { 'mlflow.parentRunId': opts.parent } : {}) };
  return {
    info: {
      run_id: id,
      run_uuid: id,
      run_name: opts.name ?? id,
      experiment_id: opts.experiment ?? '1',
      user_id: 'ds',
      status: opts.status ?? 'FINISHED',
      start_time: opts.start ?? 1_700_000_000_000,
      end_time: opts.end ?? (opts.start ?? 1_700_000_000_000) + 60_000,
      artifact_uri: `mlflow-artifacts:/1/${id}/artifacts`,
      lifecycle_stage: 'active',
    },
    data: {
      params: Object.entries(opts.params ?? {}).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(opts.metrics ?? {}).map(([key, value]) => ({ key, value, timestamp: 0, step: 0 })),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
    inputs: {},
  };
}
