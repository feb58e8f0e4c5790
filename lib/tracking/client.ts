// A small MLflow REST client. Over HTTP it is `fetch` against any MLflow-compatible server; in-process (the demo
// seed, later `npm run train`) the transport hands the same Request objects straight to this server's route handlers,
// so what gets stored went through exactly the API that external clients use.
export type Transport = (req: Request) => Promise<Response>;

export class MlflowClientError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MlflowClientOptions {
  baseUrl: string; // e.g. http://localhost:3000
  token?: string;
  transport?: Transport;
}

export function mlflowClient({ baseUrl, token, transport = (r) => fetch(r) }: MlflowClientOptions) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  async function call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', endpoint: string, body: Record<string, unknown> = {}): Promise<T> {
    const url = new URL(`/api/2.0/mlflow/${endpoint}`, baseUrl);
    if (method === 'GET') for (const [k, v] of Object.entries(body)) url.searchParams.set(k, String(v));
    const res = await transport(
      new Request(url, { method, headers: headers({ 'content-type': 'application/json' }), body: method === 'GET' ? undefined : JSON.stringify(body) }),
    );
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new MlflowClientError(res.status, String(json.error_code ?? 'UNKNOWN'), String(json.message ?? res.statusText));
    return json as T;
  }
  type KV = { key: string; value: string };
  return {
    call,
    async getOrCreateExperiment(name: string, tags: KV[] = []): Promise<string> {
      try {
        const r = await call<{ experiment: { experiment_id: string } }>('GET', 'experiments/get-by-name', { experiment_name: name });
        return r.experiment.experiment_id;
      } catch (e) {
        if (!(e instanceof MlflowClientError) || e.errorCode !== 'RESOURCE_DOES_NOT_EXIST') throw e;
        return (await call<{ experiment_id: string }>('POST', 'experiments/create', { name, tags })).experiment_id;
      }
    },
    async createRun(experimentId: string, runName: string, tags: KV[], startTime: number) {
      const r = await call<{ run: { info: { run_id: string; artifact_uri: string } } }>('POST', 'runs/create', { experiment_id: experimentId, run_name: runName, start_time: startTime, tags });
      return r.run.info;
    },
    logBatch(runId: string, batch: { metrics?: { key: string; value: number; timestamp: number; step: number }[]; params?: KV[]; tags?: KV[] }) {
      return call('POST', 'runs/log-batch', { run_id: runId, ...batch });
    },
    logInputs(runId: string, datasets: { tags?: KV[]; dataset: Record<string, unknown> }[]) {
      return call('POST', 'runs/log-inputs', { run_id: runId, datasets });
    },
    endRun(runId: string, status: 'FINISHED' | 'FAILED' | 'KILLED', endTime: number) {
      return call('POST', 'runs/update', { run_id: runId, status, end_time: endTime });
    },
    async uploadArtifact(artifactUri: string, path: string, content: string | Uint8Array) {
      const rel = artifactUri.replace(/^mlflow-artifacts:\/+/, '');
      const url = new URL(`/api/2.0/mlflow-artifacts/artifacts/${rel}/${path}`, baseUrl);
      const body = typeof content === 'string' ? content : new Blob([new Uint8Array(content)]);
      const res = await transport(new Request(url, { method: 'PUT', headers: headers({ 'content-type': 'application/octet-stream' }), body }));
      if (!res.ok) throw new MlflowClientError(res.status, 'ARTIFACT_UPLOAD_FAILED', await res.text());
    },
    async ensureRegisteredModel(name: string, description: string) {
      try {
        await call('POST', 'registered-models/create', { name, description });
      } catch (e) {
        if (!(e instanceof MlflowClientError) || e.errorCode !== 'RESOURCE_ALREADY_EXISTS') throw e;
      }
    },
    async createModelVersion(name: string, source: string, runId: string, description: string) {
      return (await call<{ model_version: { version: string } }>('POST', 'model-versions/create', { name, source, run_id: runId, description })).model_version;
    },
    setAlias(name: string, alias: string, version: string, reason: string) {
      return call('POST', 'registered-models/alias', { name, alias, version, reason });
    },
  };
}

export type MlflowClient = ReturnType<typeof mlflowClient>;
