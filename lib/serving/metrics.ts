// Prometheus metrics for the whole server, in the names BentoML and MLServer users already scrape: request counts and
// latency by route and status, the served model's version, micro-batch sizes, the prediction log's queue and the
// score distribution. prom-client is external to the bundle (next.config.ts), so every route module shares one
// registry; the registry itself is also kept on globalThis in case a bundler duplicates this module.
import client from 'prom-client';

function create() {
  const registry = new client.Registry();
  registry.setDefaultLabels({ app: 'streamflow' });
  client.collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    requests: new client.Counter({ name: 'http_requests_total', help: 'HTTP requests answered by the API, by route, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    duration: new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request to response, by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    inFlight: new client.Gauge({ name: 'http_requests_in_progress', help: 'API requests being handled', labelNames: ['route'], registers: [registry] }),
    modelInfo: new client.Gauge({ name: 'model_version_info', help: 'The model version served (1) per model name', labelNames: ['model', 'version'], registers: [registry] }),
    predictions: new client.Counter({ name: 'predictions_total', help: 'Rows scored and logged, by source', labelNames: ['source', 'model', 'version'], registers: [registry] }),
    batchRows: new client.Histogram({
      name: 'inference_batch_rows',
      help: 'Rows per inference call after micro-batching',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096, 16384],
      registers: [registry],
    }),
    batchRequests: new client.Histogram({ name: 'inference_batch_requests', help: 'Requests coalesced into one inference call', buckets: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64], registers: [registry] }),
    inferenceSeconds: new client.Histogram({ name: 'inference_duration_seconds', help: 'Time of one inference call', buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25], registers: [registry] }),
    logQueueRows: new client.Gauge({ name: 'prediction_log_queue_rows', help: 'Scored rows waiting to be written to the prediction log', registers: [registry] }),
    logInFlight: new client.Gauge({ name: 'prediction_log_statements_in_flight', help: 'Prediction-log INSERT statements in flight', registers: [registry] }),
    logFlushRows: new client.Histogram({ name: 'prediction_log_flush_rows', help: 'Rows per prediction-log INSERT (group commit)', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 512, 2048, 10000, 50000], registers: [registry] }),
    logFlushSeconds: new client.Histogram({ name: 'prediction_log_flush_seconds', help: 'Time of one prediction-log INSERT', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    logFailures: new client.Counter({ name: 'prediction_log_failures_total', help: 'Prediction-log INSERTs that failed (their requests answered 503)', registers: [registry] }),
    score: new client.Histogram({
      name: 'churn_probability',
      help: 'Distribution of the churn probabilities returned',
      buckets: [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers: [registry],
    }),
  };
  return m;
}

export type ServingMetrics = ReturnType<typeof create>;

const g = globalThis as unknown as { __streamflowMetrics?: ServingMetrics; __streamflowServedVersions?: Map<string, string> };

export function metrics(): ServingMetrics {
  g.__streamflowMetrics ??= create();
  return g.__streamflowMetrics;
}

/** A bounded route label: ids (uuids, numbers, long hex or key-like tokens) become placeholders. */
export function routeLabel(pathname: string): string {
  // Artifact paths name files: the route is the prefix.
  const artifacts = '/api/2.0/mlflow-artifacts/artifacts';
  if (pathname.startsWith(artifacts)) return artifacts;
  return (
    pathname
      .split('/')
      .map((s) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? ':id' : /^\d+$/.test(s) ? ':n' : /^[0-9a-f]{16,}$/i.test(s) ? ':id' : s.length > 64 ? ':long' : s))
      .join('/') || '/'
  );
}

/**
 * Records which version of `name` is served: the gauge has one series per model, so a promotion replaces the old
 * version's series instead of leaving it at 1 beside the new one. Cheap to call per request (a map lookup).
 */
export function setServedVersion(name: string, version: number): void {
  const served = (g.__streamflowServedVersions ??= new Map<string, string>());
  const v = String(version);
  const before = served.get(name);
  if (before === v) return;
  const gauge = metrics().modelInfo;
  if (before !== undefined) gauge.remove({ model: name, version: before });
  gauge.set({ model: name, version: v }, 1);
  served.set(name, v);
}

const seenRoutes = new Set<string>();
const MAX_ROUTES = 300;

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  const m = metrics();
  // Paths that carry names (models, experiments) are bounded too: past MAX_ROUTES distinct labels, new ones pool.
  if (!seenRoutes.has(route)) {
    if (seenRoutes.size >= MAX_ROUTES) route = ':other';
    else seenRoutes.add(route);
  }
  const labels = { route, method, status: String(status) };
  m.requests.inc(labels);
  m.duration.observe(labels, seconds);
}
