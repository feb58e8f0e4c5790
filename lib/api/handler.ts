// The one wrapper every API route goes through: request id, authentication (session or API key), role/scope check,
// rate limit, body-size limit, zod parsing of params/query/body, and mapping every failure to one error shape.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DatabaseError, getDb, isConnectionError, type Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { principalLabel, resolvePrincipal, type Principal } from '@/lib/auth/principal';
import { hasRole, type Role, type Scope } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { metrics, observeRequest, routeLabel } from '@/lib/serving/metrics';
import { clientIp } from './client-ip';
import { ApiError, issuesToDetails } from './errors';
import { readJsonBody } from './body';
import { queryObject } from './query';
import { RateLimiter } from './rate-limit';

export type Access =
  | 'public'
  /** Signed-in users need at least `role`; API keys need one of `scopes` (no scopes: keys are refused). */
  | { role: Role; scopes?: readonly Scope[] };

export interface ErrorFormat {
  /** Builds the body (and may change the status) for an error; the default is {"error": {code, message, details}}. */
  (err: ApiError, requestId: string): { status: number; body: unknown };
}

export const defaultErrorFormat: ErrorFormat = (err, requestId) => ({
  status: err.status,
  body: { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}), request_id: requestId } },
});

export interface RouteContext<B, Q, P> {
  req: Request;
  db: Db;
  principal: Principal | null;
  body: B;
  query: Q;
  params: P;
  requestId: string;
  /** performance.now() when the request reached the wrapper. */
  startedAt: number;
  /** Writes an audit-log entry attributed to the caller. */
  audit(action: string, target?: { type: string; id: string }, details?: Record<string, unknown>): Promise<void>;
}

export interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** A number, or a function read per request (so a route can use a setting without reading env at import). */
  maxBodyBytes?: number | (() => number);
  errorFormat?: ErrorFormat;
  /** Public probes (liveness) must answer without a database; they set this to false and get no `db`. */
  db?: boolean;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

const g = globalThis as unknown as { __streamflowLimiter?: { perMinute: number; limiter: RateLimiter } };
function rateLimiter(): RateLimiter {
  const perMinute = env().API_RATE_LIMIT_PER_MINUTE;
  if (g.__streamflowLimiter?.perMinute !== perMinute) g.__streamflowLimiter = { perMinute, limiter: new RateLimiter(perMinute) };
  return g.__streamflowLimiter.limiter;
}

function authorize(access: Access, principal: Principal | null): void {
  if (access === 'public') return;
  if (!principal) throw new ApiError('unauthorized', 'Sign in or send an API key as "Authorization: Bearer <key>"');
  if (principal.kind === 'user') {
    if (!hasRole(principal.role, access.role)) {
      throw new ApiError('forbidden', `This needs the ${access.role} role or above; you are ${principal.role}`);
    }
    return;
  }
  const scopes = access.scopes ?? [];
  if (scopes.length === 0) throw new ApiError('forbidden', 'This route is not available to API keys; sign in instead');
  if (!scopes.some((s) => principal.scopes.includes(s))) {
    throw new ApiError('forbidden', `This API key lacks the scope for this route (needs one of: ${scopes.join(', ')})`);
  }
}

function parseWith<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = issuesToDetails(r.error.issues).map((d) => ({ ...d, path: d.path === '(root)' ? where : `${where}.${d.path}` }));
    throw new ApiError('validation_failed', `Invalid ${where}: ${details[0]!.path}: ${details[0]!.message}`, details);
  }
  return r.data as Out<S>;
}

export function route<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(options: RouteOptions<B, Q, P>, handler: (ctx: RouteContext<Out<B>, Out<Q>, Out<P>>) => Promise<unknown>) {
  return async (req: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const startedAt = performance.now();
    const label = routeLabel(new URL(req.url).pathname);
    const inFlight = metrics().inFlight;
    inFlight.inc({ route: label });
    const incoming = req.headers.get('x-request-id');
    const requestId = incoming && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    const format = options.errorFormat ?? defaultErrorFormat;
    let response: Response;
    try {
      const db = options.db === false ? (undefined as never) : await getDb();
      const principal = options.access === 'public' ? null : await resolvePrincipal(db, req);
      authorize(options.access, principal);
      if (principal) {
        const wait = await rateLimiter().take(`${principal.kind}:${principal.id}`);
        if (wait > 0) throw new ApiError('rate_limited', `Too many requests; retry in ${wait} s`, undefined, { 'retry-after': String(wait) });
      }
      const params = parseWith<P>(options.params as P, context?.params ? await context.params : {}, 'path');
      const query = parseWith<Q>(options.query as Q, queryObject(req.url), 'query');
      const raw = options.body ? await readJsonBody(req, typeof options.maxBodyBytes === 'function' ? options.maxBodyBytes() : (options.maxBodyBytes ?? env().API_MAX_BODY_BYTES)) : undefined;
      const body = parseWith<B>(options.body as B, raw, 'body');
      const audit: RouteContext<Out<B>, Out<Q>, Out<P>>['audit'] = (action, target, details) =>
        recordAudit({
          db,
          entry: {
            actorType: principal?.kind ?? 'system',
            actorId: principal?.id ?? null,
            actorLabel: principal ? principalLabel(principal) : null,
            action,
            targetType: target?.type ?? null,
            targetId: target?.id ?? null,
            details: details ?? null,
            ip: clientIp(req),
            requestId,
          },
        });
      const result = await handler({ req, db, principal, body, query, params, requestId, startedAt, audit });
      response = result instanceof Response ? result : Response.json(result);
    } catch (e) {
      let err: ApiError;
      if (e instanceof ApiError) err = e;
      else if (e instanceof DatabaseError) err = new ApiError('service_unavailable', e.message, undefined, { 'retry-after': '5' });
      else if (isConnectionError(e)) {
        console.error(`[api] ${req.method} ${new URL(req.url).pathname} request_id=${requestId}: database unavailable: ${rootMessage(e)}`);
        err = new ApiError('service_unavailable', 'The database is unavailable; nothing was recorded. Retry shortly.', undefined, { 'retry-after': '2' });
      }
      else {
        console.error(`[api] ${req.method} ${new URL(req.url).pathname} request_id=${requestId}`, e);
        err = new ApiError('internal', `Internal error (request id ${requestId})`);
      }
      const { status, body } = format(err, requestId);
      response = Response.json(body, { status, headers: err.headers });
    }
    response.headers.set('x-request-id', requestId);
    inFlight.dec({ route: label });
    observeRequest(label, req.method, response.status, (performance.now() - startedAt) / 1000);
    return response;
  };
}

/** The innermost cause's message: drizzle's wrapper repeats the whole statement and its parameters. */
function rootMessage(e: unknown): string {
  let err = e as { message?: string; code?: string; cause?: unknown };
  for (let i = 0; i < 5 && err?.cause; i++) err = err.cause as typeof err;
  return `${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}`.slice(0, 300);
}

/** A JSON response with a status other than 200. */
export function json(body: unknown, status: number, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers });
}
