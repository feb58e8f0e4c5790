// The OpenAPI 3.1 document served at /api/openapi.json and rendered at /docs. Schemas are generated from the zod
// schemas the routes validate with (openapi-schemas.ts); operations live in openapi-paths.ts (REST) and
// openapi-v2.ts (Open Inference Protocol). The MLflow-compatible tracking API is a tag pointing at MLflow's own
// reference: its contract is MLflow's, endpoint for endpoint.
import { SCOPE_DESCRIPTIONS, SCOPES, ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import { errorResponses, REQUEST_ID_HEADER, SECURITY_SCHEMES, type Json } from './openapi-common';
import { exampleCustomers } from './openapi-examples';
import { restPaths, TAGS } from './openapi-paths';
import { componentSchemas } from './openapi-schemas';
import { v2Paths } from './openapi-v2';
import { MAX_ROWS_PER_REQUEST } from './predict';
import { MONITORING_TAG, monitoringPaths } from '@/lib/monitoring/openapi';
import { FAIRNESS_TAG, fairnessPaths } from '@/lib/fairness/openapi';
import { ROI_TAG, roiPaths } from '@/lib/roi/openapi';

export const API_VERSION = '1.0.0';

function description(): string {
  const [example] = exampleCustomers();
  const scopes = SCOPES.map((s) => `  - \`${s}\`: ${SCOPE_DESCRIPTIONS[s]}`).join('\n');
  return `Score StreamFlow customers for churn risk, run CSV batch jobs, and talk to the served model over the Open Inference Protocol (V2).

## Authentication
- **API key** (integrations): send \`Authorization: Bearer sfk_…\`. An administrator creates keys under *Settings → API keys* and gives each one only the scopes it needs:
${scopes}
- **Session** (people): when you are signed in to StreamFlow, requests from this page carry your session cookie and are allowed by your role (${ROLES.map((r) => ROLE_LABELS[r]).join(' < ')}; each role can do what the ones before it can).
- **Basic** (\`Authorization: Basic …\` with a user's email and password) is accepted for MLflow clients (\`MLFLOW_TRACKING_USERNAME\`/\`PASSWORD\`).

Each operation lists the scopes and the role it accepts. The operational probes, V2 readiness and this document are public.

## Quick start
\`\`\`bash
curl -X POST "$STREAMFLOW_URL/api/v1/predict?explain=true" \\
  -H "Authorization: Bearer $STREAMFLOW_API_KEY" -H "Content-Type: application/json" \\
  -d '${JSON.stringify({ customers: [example] })}'
\`\`\`

## Errors and limits
Errors share one shape, \`{"error": {"code", "message", "details"?, "request_id"}}\`; a 422 lists every bad field with its record's row. The V2 routes answer \`{"error": "..."}\` as the protocol says.
A request scores at most ${MAX_ROWS_PER_REQUEST.toLocaleString('en-US')} customers (use a batch job for more). Request bodies and the requests per minute of each key or user are limited (413 and 429 with \`Retry-After\`); every response carries \`X-Request-Id\`.`;
}

export function buildOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'StreamFlow Churn API',
      version: API_VERSION,
      summary: 'Churn scoring (REST and Open Inference Protocol V2), batch jobs, monitoring and operations',
      description: description(),
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [
      { name: TAGS.scoring, description: 'Score customers one request at a time (up to 10,000 per request) and read the served model’s features.' },
      { name: TAGS.batch, description: 'Score a CSV file in the background, follow its progress and download the results.' },
      {
        name: TAGS.v2,
        description: 'The KServe / Triton / MLServer inference protocol, so V2 clients and gateways work unchanged.',
        externalDocs: { description: 'Open Inference Protocol REST specification', url: 'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md' },
      },
      { name: MONITORING_TAG, description: 'Send ground-truth labels, compare two datasets for drift, and read the stored monitoring windows.' },
      { name: FAIRNESS_TAG, description: 'Audit predictions by group, read and record the fairness decision, check the promotion gate, and apply per-group thresholds.' },
      { name: ROI_TAG, description: 'What a retention campaign is worth: the profit curve over thresholds, the best one within capacity, its uncertainty and EMP.' },
      { name: TAGS.ops, description: 'Liveness, readiness, Prometheus metrics and this document.' },
      {
        name: TAGS.mlflow,
        description:
          'An MLflow-compatible tracking server under `/api/2.0/mlflow/*` (experiments, runs, metrics, params, tags, model registry) and `/api/2.0/mlflow-artifacts/*`. ' +
          'Point the MLflow client at this server (`MLFLOW_TRACKING_URI`) with `MLFLOW_TRACKING_TOKEN` set to an API key with the `tracking` scope, or with a user\'s email and password. ' +
          'Requests, responses and error codes follow MLflow\'s REST API reference, which documents each endpoint.',
        externalDocs: { description: 'MLflow REST API reference', url: 'https://mlflow.org/docs/latest/api_reference/rest-api.html' },
      },
    ],
    paths: { ...restPaths(), ...monitoringPaths(), ...fairnessPaths(), ...roiPaths(), ...v2Paths() },
    components: {
      schemas: componentSchemas(),
      responses: errorResponses(),
      headers: { 'X-Request-Id': REQUEST_ID_HEADER },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

let cached: { doc: Json; json: string } | null = null;

/** The document, built once per process (it depends only on code and the shipped manifest). */
export function openApiDocument(): { doc: Json; json: string } {
  if (!cached) {
    const doc = buildOpenApiDocument();
    cached = { doc, json: JSON.stringify(doc) };
  }
  return cached;
}
