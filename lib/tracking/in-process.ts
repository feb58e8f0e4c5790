import { artifactsDelete, artifactsGet, artifactsPut } from './mlflow/artifact-routes';
import type { Db } from '@/db/client';
import { queryObject } from '@/lib/api/query';
import type { Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';
import { safeRelative, writeArtifact } from './artifacts';
import { MLFLOW_ENDPOINTS, mlflowApi } from './mlflow';
import { MLFLOW_STATUS, MlflowError } from './mlflow/errors';
import { userLabelOf, type EndpointContext } from './mlflow/router';
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

/**
 * A transport for code that already runs inside an authenticated request (the model importer) or a server job: it
 * calls the MLflow endpoint handlers directly as `principal`, so stored runs carry the real user and audit entries
 * the real actor — no API key needed, and no second authentication.
 */
export function principalTransport(ctx: { db: Db; principal: Principal | null; audit: EndpointContext['audit'] }): Transport {
  return async (req) => {
    const url = new URL(req.url);
    try {
      if (url.pathname.startsWith('/api/2.0/mlflow-artifacts/artifacts/') && req.method === 'PUT') {
        const rel = safeRelative(decodeURIComponent(url.pathname.slice('/api/2.0/mlflow-artifacts/artifacts/'.length)));
        await writeArtifact(rel, req.body, env().ARTIFACT_MAX_BYTES);
        return Response.json({});
      }
      const name = url.pathname.slice('/api/2.0/mlflow/'.length).replace(/\/+$/, '');
      const ep = MLFLOW_ENDPOINTS[`${name}#${req.method}`] ?? MLFLOW_ENDPOINTS[name];
      if (!ep) return Response.json({ error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint ${req.method} ${url.pathname}` }, { status: 404 });
      const input = req.method === 'GET' ? queryObject(req.url) : ((await req.json()) as Record<string, unknown>);
      const result = await ep.handle({ db: ctx.db, input, principal: ctx.principal, audit: ctx.audit, now: Date.now(), userLabel: userLabelOf(ctx.principal) });
      return result instanceof Response ? result : Response.json(result ?? {});
    } catch (e) {
      if (e instanceof MlflowError) return Response.json({ error_code: e.mlflowCode, message: e.message }, { status: MLFLOW_STATUS[e.mlflowCode] });
      throw e;
    }
  };
}
