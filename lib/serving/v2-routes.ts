// Route handlers for the Open Inference Protocol; app/v2/** only re-exports these. Errors are `{"error": "..."}`
// as the protocol says (a body or row problem is a 400; auth, size, rate and availability keep their own statuses).
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { route, type ErrorFormat } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { MAX_ROWS_PER_REQUEST } from './predict';
import { v2InferRequestSchema } from './schemas';
import { predict, servedOrError, versionOrError } from './service';
import { V2Error, v2Metadata, v2OutputNames, v2Records, v2Response } from './v2';

export const v2ErrorFormat: ErrorFormat = (err) => {
  const status = err.status === 422 ? 400 : err.status;
  const detail = Array.isArray(err.details) && err.details.length > 1 ? ` (${err.details.length} problems; first shown)` : '';
  return { status, body: { error: `${err.message}${detail}` } };
};

const nameParams = z.object({ name: z.string().min(1) });
const versionParams = z.object({ name: z.string().min(1), version: z.string().regex(/^\d+$/, 'must be a version number') });
type Params = { name: string; version?: string };

const scoring = { role: 'retention', scopes: ['predict', 'read'] } as const;

async function modelFor(db: Parameters<typeof servedOrError>[0], p: Params) {
  const name = decodeURIComponent(p.name);
  if (name !== CHURN_MODEL) throw new ApiError('not_found', `Model ${name} is not served here; this server serves ${CHURN_MODEL}`);
  return p.version ? versionOrError(db, name, Number(p.version)) : servedOrError(db, name);
}

export const serverLive = route({ access: 'public', db: false, errorFormat: v2ErrorFormat }, async () => ({ live: true }));

export const serverReady = route({ access: 'public', errorFormat: v2ErrorFormat }, async ({ db }) => {
  try {
    await servedOrError(db);
    return { ready: true };
  } catch {
    return Response.json({ ready: false }, { status: 503 });
  }
});

export const serverMetadata = route({ access: 'public', db: false, errorFormat: v2ErrorFormat }, async () => ({
  name: 'streamflow-churn-server',
  version: '0.1.0',
  extensions: ['model_repository_health', 'request_logging'],
}));

function metadataRoute(params: typeof nameParams | typeof versionParams) {
  return route({ access: scoring, params, errorFormat: v2ErrorFormat }, async ({ db, params: p }) => {
    const m = await modelFor(db, p as Params);
    return v2Metadata(m.name, m.version, m.manifest);
  });
}

function readyRoute(params: typeof nameParams | typeof versionParams) {
  return route({ access: 'public', params, errorFormat: v2ErrorFormat }, async ({ db, params: p }) => {
    const name = decodeURIComponent((p as Params).name);
    try {
      await modelFor(db, p as Params);
      return { name, ready: true };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'not_found') throw e;
      return Response.json({ name, ready: false }, { status: 503 });
    }
  });
}

function inferRoute(params: typeof nameParams | typeof versionParams) {
  return route(
    { access: { role: 'retention', scopes: ['predict'] }, params, body: v2InferRequestSchema, maxBodyBytes: () => env().PREDICT_MAX_BODY_BYTES, errorFormat: v2ErrorFormat },
    async ({ db, params: p, body, requestId, principal, startedAt }) => {
      const model = await modelFor(db, p as Params);
      let records, outputs;
      try {
        records = v2Records(body, model.manifest, MAX_ROWS_PER_REQUEST);
        outputs = v2OutputNames(body);
      } catch (e) {
        if (e instanceof V2Error) throw new ApiError('bad_request', e.message);
        throw e;
      }
      const out = await predict({ db, model, rows: records, explain: false, source: 'v2', requestId, principal, startedAt, pathPrefix: 'inputs.row' });
      return v2Response({ name: model.name, version: String(model.version), id: body.id ?? requestId, requestId, predictions: out.predictions, outputs, threshold: out.policy.threshold });
    },
  );
}

export const modelMetadata = metadataRoute(nameParams);
export const modelReady = readyRoute(nameParams);
export const modelInfer = inferRoute(nameParams);
export const versionMetadata = metadataRoute(versionParams);
export const versionReady = readyRoute(versionParams);
export const versionInfer = inferRoute(versionParams);
