// One dispatcher for /api/2.0/mlflow/<endpoint>: every endpoint goes through the product's route wrapper (auth by
// session, API key with scope `tracking`, or Basic credentials; rate limit; request id) with MLflow's error shape.
import type { Db } from '@/db/client';
import { route, type RouteContext } from '@/lib/api/handler';
import { readJsonBody } from '@/lib/api/body';
import { queryObject } from '@/lib/api/query';
import type { Principal } from '@/lib/auth/principal';
import { MlflowError, mlflowErrorFormat } from './errors';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Input = Record<string, unknown>;

export interface EndpointContext {
  db: Db;
  input: Input;
  principal: Principal | null;
  /** Audit entry attributed to the caller. */
  audit: RouteContext<unknown, unknown, unknown>['audit'];
  /** Milliseconds since the epoch, read once per request. */
  now: number;
  userLabel: string;
}

export interface Endpoint {
  methods: Method[];
  /** Writes need a data scientist (or admin), or an API key with scope `tracking`; reads also accept `read` keys. */
  write: boolean;
  handle(ctx: EndpointContext): Promise<unknown>;
}

// MLflow's own request cap for log-batch is 1 MB; JSON overhead of a full batch stays under this.
const MAX_BODY = 2 * 1024 * 1024;

async function inputOf(req: Request): Promise<Input> {
  const fromQuery: Input = queryObject(req.url);
  if (req.method === 'GET') return fromQuery;
  const hasBody = req.headers.get('content-length') !== '0' && req.body !== null;
  if (req.method === 'DELETE' && !hasBody) return fromQuery;
  const body = await readJsonBody(req, MAX_BODY).catch((e) => {
    if (req.method === 'DELETE') return {};
    throw e;
  });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new MlflowError('INVALID_PARAMETER_VALUE', 'The request body must be a JSON object.');
  return { ...fromQuery, ...(body as Input) };
}

export function userLabelOf(p: Principal | null): string {
  return p ? (p.kind === 'user' ? p.email : `api-key:${p.name}`) : '';
}

const PREFIX = '/api/2.0/mlflow/';

export function mlflowRouter(endpoints: Record<string, Endpoint>) {
  const run = (write: boolean) =>
    route({ access: write ? { role: 'data_scientist', scopes: ['tracking'] } : { role: 'stakeholder', scopes: ['tracking', 'read'] }, errorFormat: mlflowErrorFormat }, async (ctx) => {
      const ep = lookup(endpoints, ctx.req)!;
      const input = await inputOf(ctx.req);
      const result = await ep.handle({ db: ctx.db, input, principal: ctx.principal, audit: ctx.audit, now: Date.now(), userLabel: userLabelOf(ctx.principal) });
      return result instanceof Response ? result : Response.json(result ?? {});
    });
  const reader = run(false);
  const writer = run(true);
  return async (req: Request, context: { params?: Promise<Record<string, string | string[]>> }) => {
    const ep = lookup(endpoints, req);
    if (!ep || !ep.methods.includes(req.method as Method)) {
      return Response.json(
        { error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint ${req.method} ${new URL(req.url).pathname}` },
        { status: 404 },
      );
    }
    return (ep.write ? writer : reader)(req, context);
  };
}

/** An endpoint is keyed by its path after the prefix, or by `path#METHOD` when methods differ in permission. */
function lookup(endpoints: Record<string, Endpoint>, req: Request): Endpoint | undefined {
  const name = endpointName(req.url);
  return endpoints[`${name}#${req.method}`] ?? endpoints[name];
}

function endpointName(url: string): string {
  const path = new URL(url).pathname;
  const i = path.indexOf(PREFIX);
  return i < 0 ? '' : path.slice(i + PREFIX.length).replace(/\/+$/, '');
}
