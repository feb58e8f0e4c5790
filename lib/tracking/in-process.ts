import { artifactsDelete, artifactsGet, artifactsPut } from './mlflow/artifact-routes';
import { mlflowApi } from './mlflow';
import type { Transport } from './client';

/** A transport that hands requests to this server's own MLflow route handlers, without a network hop. */
export function inProcessTransport(): Transport {
  const artifacts: Record<string, (req: Request) => Promise<Response>> = { GET: artifactsGet, PUT: artifactsPut, DELETE: artifactsDelete };
  return async (req) => {
    const path = new URL(req.url).pathname;
    if (path.startsWith('/api/2.0/mlflow-artifacts/artifacts')) {
      const h = artifacts[req.method];
      if (h) return h(req);
    } else if (path.startsWith('/api/2.0/mlflow/')) return mlflowApi(req, {});
    return Response.json({ error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint ${req.method} ${path}` }, { status: 404 });
  };
}
