// Browser-side calls to the tracking and registry APIs. MLflow routes answer errors as {error_code, message}, the
// product routes as {error: {code, message}}; both become an ApiClientError carrying the server's own message.
import { ApiClientError } from './api-client';
import type {
  ArtifactFile,
  Experiment,
  HistoryResponse,
  ImportanceResponse,
  ModelVersion,
  RegisteredModel,
  Run,
} from './tracking-types';

export { ApiClientError };

/** The message a failed response carries, whichever of the two error shapes it uses. */
export function errorMessage(status: number, data: unknown): { message: string; code?: string } {
  const d = (data ?? {}) as { error?: { code?: string; message?: string } | string; error_code?: string; message?: string };
  if (d.error && typeof d.error === 'object' && d.error.message) return { message: d.error.message, code: d.error.code };
  if (typeof d.message === 'string' && d.message) return { message: d.message, code: d.error_code };
  if (status === 404) return { message: 'Not found (404): this endpoint or resource does not exist on the server yet.', code: 'not_found' };
  return { message: `Request failed (${status})` };
}

export class TrackingApiError extends ApiClientError {
  constructor(
    status: number,
    message: string,
    readonly code?: string,
  ) {
    super(status, message);
  }
}

export async function trackingFetch<T>(url: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: init?.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init?.signal,
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const { message, code } = errorMessage(res.status, data);
    throw new TrackingApiError(res.status, message, code);
  }
  return (data ?? {}) as T;
}

const MLFLOW = '/api/2.0/mlflow';

export interface RunsSearchRequest {
  experiment_ids: string[];
  filter?: string;
  run_view_type?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
  max_results?: number;
  order_by?: string[];
  page_token?: string;
}

export const trackingApi = {
  searchExperiments: (body: { max_results?: number; page_token?: string; filter?: string; order_by?: string[] }, signal?: AbortSignal) =>
    trackingFetch<{ experiments?: Experiment[]; next_page_token?: string }>(`${MLFLOW}/experiments/search`, { method: 'POST', body, signal }),
  getExperiment: (id: string, signal?: AbortSignal) =>
    trackingFetch<{ experiment: Experiment }>(`${MLFLOW}/experiments/get?experiment_id=${encodeURIComponent(id)}`, { signal }),
  searchRuns: (body: RunsSearchRequest, signal?: AbortSignal) =>
    trackingFetch<{ runs?: Run[]; next_page_token?: string }>(`${MLFLOW}/runs/search`, { method: 'POST', body, signal }),
  getRun: (runId: string, signal?: AbortSignal) => trackingFetch<{ run: Run }>(`${MLFLOW}/runs/get?run_id=${encodeURIComponent(runId)}`, { signal }),
  listArtifacts: (path: string, signal?: AbortSignal) =>
    trackingFetch<{ files?: ArtifactFile[] }>(`/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(path)}`, { signal }),
  searchRegisteredModels: (body: { max_results?: number; filter?: string; page_token?: string }, signal?: AbortSignal) =>
    trackingFetch<{ registered_models?: RegisteredModel[]; next_page_token?: string }>(`${MLFLOW}/registered-models/search`, { method: 'POST', body, signal }),
  getRegisteredModel: (name: string, signal?: AbortSignal) =>
    trackingFetch<{ registered_model: RegisteredModel }>(`${MLFLOW}/registered-models/get?name=${encodeURIComponent(name)}`, { signal }),
  searchModelVersions: (body: { filter: string; max_results?: number; page_token?: string }, signal?: AbortSignal) =>
    trackingFetch<{ model_versions?: ModelVersion[]; next_page_token?: string }>(`${MLFLOW}/model-versions/search`, { method: 'POST', body, signal }),
  history: (q: { runIds: string[]; key: string; maxPoints: number; minStep?: number; maxStep?: number }, signal?: AbortSignal) =>
    trackingFetch<HistoryResponse>(`/api/v1/tracking/history?${historyQuery(q)}`, { signal }),
  importance: (runIds: string[], metric: string, signal?: AbortSignal) => {
    const p = new URLSearchParams();
    for (const id of runIds) p.append('run_id', id);
    p.set('metric', metric);
    return trackingFetch<ImportanceResponse>(`/api/v1/tracking/importance?${p}`, { signal });
  },
  setAlias: (body: { name: string; alias: string; version: number; reason: string; fairness_override?: { justification: string } }) =>
    trackingFetch<{ model_version: ModelVersion }>(`/api/v1/registry/aliases`, { method: 'POST', body }),
  deleteAlias: (body: { name: string; alias: string; reason: string }) => trackingFetch<object>(`/api/v1/registry/aliases`, { method: 'DELETE', body }),
};

export function historyQuery(q: { runIds: string[]; key: string; maxPoints: number; minStep?: number; maxStep?: number }): string {
  const p = new URLSearchParams();
  for (const id of q.runIds) p.append('run_id', id);
  p.set('key', q.key);
  p.set('max_points', String(q.maxPoints));
  if (q.minStep !== undefined) p.set('min_step', String(Math.floor(q.minStep)));
  if (q.maxStep !== undefined) p.set('max_step', String(Math.ceil(q.maxStep)));
  return p.toString();
}

/** The artifact path of a run's folder (or a file inside it), as the mlflow-artifacts routes expect it. */
export function artifactPath(experimentId: string, runId: string, sub = ''): string {
  return `${experimentId}/${runId}/artifacts${sub ? '/' + sub.replace(/^\/+/, '') : ''}`;
}

/** A download link for one artifact file; each path segment is encoded, the slashes kept. */
export function artifactDownloadUrl(experimentId: string, runId: string, filePath: string): string {
  return `/api/2.0/mlflow-artifacts/artifacts/${artifactPath(experimentId, runId, filePath).split('/').map(encodeURIComponent).join('/')}`;
}
