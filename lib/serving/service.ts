// What the scoring routes call: the served model (or a 503 that says why there is none), the process's prediction
// log, and one `predict` that validates, scores, explains and logs.
import { getDbHandle, type Db } from '@/db/client';
import type { PredictionSource } from '@/db/serving-schema';
import { ApiError } from '@/lib/api/errors';
import { principalLabel, type Principal } from '@/lib/auth/principal';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { servingPolicy } from './live-policy';
import { setServedVersion } from './metrics';
import { MAX_ROWS_PER_REQUEST, predictionLog, rowIssuesError, scoreAndLog, validateRecords, type RowIssue, type ScoreOutput } from './predict';
import { getServedModel, loadVersion, NoServedModelError, type ServedModel } from './served-model';

/** The served (@champion) version of `name`; 404 for an unknown name, 503 when nothing can be served yet. */
export async function servedOrError(db: Db, name: string = CHURN_MODEL): Promise<ServedModel> {
  try {
    const model = await getServedModel(db, name);
    setServedVersion(model.name, model.version);
    return model;
  } catch (e) {
    if (e instanceof NoServedModelError) throw new ApiError(name === CHURN_MODEL ? 'service_unavailable' : 'not_found', e.message, undefined, name === CHURN_MODEL ? { 'retry-after': '30' } : undefined);
    throw e;
  }
}

const pinned = new Map<string, Promise<ServedModel>>();

/** A specific version (the V2 `/versions/{v}` routes): loaded once and kept, unlike the alias-following champion. */
export async function versionOrError(db: Db, name: string, version: number): Promise<ServedModel> {
  const served = await servedOrError(db, name);
  if (served.version === version) return served;
  const key = `${name}@${version}`;
  let p = pinned.get(key);
  if (!p) {
    p = loadVersion(db, name, version);
    pinned.set(key, p);
    p.catch(() => pinned.delete(key));
    if (pinned.size > 8) pinned.delete(pinned.keys().next().value!);
  }
  try {
    return await p;
  } catch (e) {
    throw new ApiError('not_found', `${name} version ${version} cannot be served: ${(e as Error).message}`);
  }
}

/** The prediction-log writer for the process's database (`db` must be that handle's, as every route's is). */
export async function logFor(db: Db) {
  const handle = await getDbHandle();
  if (handle.db !== db) throw new Error('the prediction log is written through the process-wide database handle');
  return predictionLog(handle);
}

export interface PredictArgs {
  db: Db;
  model: ServedModel;
  rows: readonly unknown[];
  explain: boolean;
  source: PredictionSource;
  requestId: string;
  principal: Principal | null;
  startedAt: number;
  /** Where the rows sit in the request body, for error paths (default body.customers). */
  pathPrefix?: string;
  /** How this route reports invalid rows, when its body is not a list of customers (the form). */
  issuesError?: (issues: RowIssue[]) => ApiError;
  topK?: number;
}

/** Validates every row (422 naming row and field), scores, logs durably, and returns the predictions in order. */
export async function predict(args: PredictArgs): Promise<ScoreOutput> {
  if (args.rows.length === 0) throw new ApiError('validation_failed', 'Send at least one customer record', [{ path: args.pathPrefix ?? 'body.customers', message: 'must contain at least 1 record' }]);
  if (args.rows.length > MAX_ROWS_PER_REQUEST) {
    throw new ApiError('payload_too_large', `At most ${MAX_ROWS_PER_REQUEST} records per request (got ${args.rows.length}); use a batch job (POST /api/v1/batch-jobs) for more`, { limit_rows: MAX_ROWS_PER_REQUEST });
  }
  const { records, customerIds, attributes, issues, encoded } = validateRecords(args.model, args.rows);
  if (issues.length) throw args.issuesError ? args.issuesError(issues) : rowIssuesError(issues, args.pathPrefix);
  return scoreAndLog({
    model: args.model,
    records,
    encoded,
    customerIds,
    attributes,
    policy: await servingPolicy(args.db, args.model),
    explain: args.explain,
    source: args.source,
    requestId: args.requestId,
    caller: args.principal ? principalLabel(args.principal) : null,
    startedAt: args.startedAt,
    log: await logFor(args.db),
    topK: args.topK,
  });
}
