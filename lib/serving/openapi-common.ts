// Building blocks the OpenAPI path modules share: $refs, JSON bodies, the security requirements of an access rule,
// and the error responses (components/responses) in both error shapes — ours and the Open Inference Protocol's.
import type { Role, Scope } from '@/lib/auth/roles';
import { ROLE_LABELS } from '@/lib/auth/roles';

export type Json = Record<string, unknown>;

export const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });
export const responseRef = (id: string) => ({ $ref: `#/components/responses/${id}` });

/** An application/json body or response with a schema and one or more named examples. */
export function json(schemaId: string, examples?: Record<string, { summary: string; value: unknown }>): Json {
  return { 'application/json': { schema: schemaRef(schemaId), ...(examples ? { examples } : {}) } };
}

export const REQUEST_ID_HEADER = {
  description: 'The request id: the X-Request-Id you sent (letters, digits, . _ : -; up to 100) or a new UUID. Quote it when reporting a problem.',
  schema: { type: 'string' },
};
/** Every response's X-Request-Id header, by reference to components/headers. */
export const REQUEST_ID_HEADER_REF = { $ref: '#/components/headers/X-Request-Id' };
const RETRY_AFTER_HEADER = { description: 'Seconds to wait before retrying', schema: { type: 'integer' } };

export const REQUEST_ID_PARAM = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Your own id for this request; it is echoed back, stored with every logged prediction and printed in server logs.',
  schema: { type: 'string', pattern: '^[\\w.:-]{1,100}$' },
};

// ----- Security --------------------------------------------------------------------------------------------------

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sfk_…',
    description:
      'An API key: `Authorization: Bearer sfk_…`. An administrator creates keys under Settings → API keys and gives each one only the scopes its integration needs; the key is shown once. The scopes an operation accepts are listed in its security requirements.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'authjs.session-token',
    description:
      'The browser session of a signed-in user (`__Secure-authjs.session-token` over HTTPS). Requests sent from this page while you are signed in carry it automatically; the role an operation needs is listed in its security requirements.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'Only when the server sets METRICS_TOKEN: `Authorization: Bearer <METRICS_TOKEN>` for /api/metrics.',
  },
} as const;

export interface Access {
  role: Role;
  scopes: readonly Scope[];
}

/** The security requirements of an access rule: one API-key alternative per accepted scope, or the session's role. */
export function security(access: Access): Json[] {
  return [...access.scopes.map((s) => ({ apiKey: [s] })), { session: [access.role] }];
}

/** The sentence every secured operation's description ends with. */
export function accessNote(access: Access): string {
  const scopes = access.scopes.map((s) => `\`${s}\``).join(' or ');
  if (!scopes) return `\n\n**Access:** a signed-in user with the ${ROLE_LABELS[access.role]} role or above (API keys are refused: decisions are made by a person).`;
  return `\n\n**Access:** an API key with the ${scopes} scope, or a signed-in user with the ${ROLE_LABELS[access.role]} role or above.`;
}

export const PUBLIC_NOTE = '\n\n**Access:** public — no credentials needed.';

// ----- Errors ----------------------------------------------------------------------------------------------------

const REQUEST_ID = '0d4c7a52-5a0e-4b8e-9f13-6c1b2e8a7d90';

const ERRORS = {
  BadRequest: [400, 'The body is missing or is not valid JSON', 'bad_request', 'The body is not valid JSON: Unexpected token } in JSON at position 41'],
  Unauthorized: [401, 'No credentials, or an invalid, revoked or expired API key', 'unauthorized', 'Sign in or send an API key as "Authorization: Bearer <key>"'],
  Forbidden: [403, 'The API key lacks the scope, or the user lacks the role, this operation needs', 'forbidden', 'This API key lacks the scope for this route (needs one of: predict)'],
  NotFound: [404, 'No such resource', 'not_found', 'There is no registered model named churn-v0'],
  Conflict: [409, 'The resource is not in a state that allows this', 'conflict', 'Only a failed or cancelled job can be retried; this one is running'],
  PayloadTooLarge: [413, 'The body is over the byte limit, or the request has more than 10,000 records', 'payload_too_large', 'At most 10000 records per request (got 12000); use a batch job (POST /api/v1/batch-jobs) for more'],
  UnsupportedMediaType: [415, 'The body is not sent as application/json', 'unsupported_media_type', 'Send the body as application/json (got text/plain)'],
  ValidationFailed: [422, 'Some records or parameters are invalid; `details` names every bad field (the first 100) with its row', 'validation_failed', '2 invalid fields in 1 record; first: record 0, plan must be one of basic, standard, premium, mobile'],
  RateLimited: [429, 'Too many requests from this key or user in the last minute', 'rate_limited', 'Too many requests; retry in 3 s'],
  ServiceUnavailable: [503, 'The database is unavailable, or no model version is served yet; nothing was recorded', 'service_unavailable', 'The database is unavailable; nothing was recorded. Retry shortly.'],
} as const;

type ErrorName = keyof typeof ERRORS;

const VALIDATION_DETAILS = [
  { path: 'body.customers.0.plan', row: 0, field: 'plan', message: 'must be one of basic, standard, premium, mobile' },
  { path: 'body.customers.0.tenure_months', row: 0, field: 'tenure_months', message: 'must be between 0 and 240' },
];

function headersFor(status: number): Json | undefined {
  const h: Json = { 'X-Request-Id': REQUEST_ID_HEADER_REF };
  if (status === 429 || status === 503) h['Retry-After'] = RETRY_AFTER_HEADER;
  if (status === 401) h['WWW-Authenticate'] = { description: 'Bearer error="invalid_token" for a bad API key', schema: { type: 'string' } };
  return h;
}

/** The example body of one of our errors (also used by the tests to check the examples parse). */
export function errorExample(name: ErrorName): Json {
  const [status, , code, message] = ERRORS[name];
  const details = status === 422 ? { details: VALIDATION_DETAILS } : status === 413 ? { details: { limit_rows: 10000 } } : {};
  return { error: { code, message, ...details, request_id: REQUEST_ID } };
}

const V2_MESSAGES: Partial<Record<ErrorName, string>> = {
  BadRequest: 'input plan: datatype FP64 does not fit a categorical column (use BYTES)',
  NotFound: 'Model churn-v0 is not served here; this server serves streamflow-churn',
  PayloadTooLarge: 'The body is larger than the limit of 16777216 bytes',
};

/** components/responses: every error in our shape, and the V2 ones as `{"error": "..."}` (prefixed V2). */
export function errorResponses(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, [status, description, , message]] of Object.entries(ERRORS) as [ErrorName, (typeof ERRORS)[ErrorName]][]) {
    out[name] = { description, headers: headersFor(status), content: json('Error', { example: { summary: description, value: errorExample(name) } }) };
    if (name === 'ValidationFailed' || name === 'Conflict') continue; // V2 reports invalid rows as 400; it has no conflicts
    const v2Description = status === 400 ? 'The body or a row is invalid (the protocol reports validation errors as 400)' : description;
    out[`V2${name}`] = { description: v2Description, headers: headersFor(status), content: json('V2Error', { example: { summary: v2Description, value: { error: V2_MESSAGES[name] ?? message } } }) };
  }
  return out;
}

/** `{ "401": {$ref}, ... }` for the given statuses, in our error shape or the V2 one. */
export function errors(statuses: readonly number[], shape: 'rest' | 'v2' = 'rest'): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const status of statuses) {
    const name = (Object.keys(ERRORS) as ErrorName[]).find((n) => ERRORS[n][0] === status);
    if (!name) throw new Error(`no documented error for status ${status}`);
    out[String(status)] = responseRef(shape === 'v2' ? `V2${name}` : name);
  }
  return out;
}
