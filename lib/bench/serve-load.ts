// Load and measurement helpers for the serving benchmarks: request bodies built from the shipped model's reference
// rows, one autocannon run summarised, the bare onnxruntime-node ceiling, and number formatting.
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { readModelFiles, SHIPPED_MODEL_DIR } from '@/lib/ml/pipeline/model-files';

export const BATCH_ROWS = 10_000;

/** The shipped model's 1,000 reference rows (real training records, every feature present). */
export function referenceRows(): Record<string, unknown>[] {
  return (JSON.parse(fs.readFileSync(path.join(SHIPPED_MODEL_DIR, 'reference.json'), 'utf8')) as { rows: Record<string, unknown>[] }).rows;
}

/** `n` records cycling through the reference rows, each with a customer_id. */
export function records(n: number): Record<string, unknown>[] {
  const ref = referenceRows();
  return Array.from({ length: n }, (_, i) => ({ customer_id: `c${i}`, ...ref[i % ref.length]! }));
}

export interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The JSON body to POST; without one the target is fetched with GET. */
  body?: string;
  /** Rows scored per request. */
  rows: number;
}

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  reqPerSec: number;
  rowsPerSec: number;
  p50: number;
  p99: number;
  /** Requests that may still have been in flight when the run ended (connections × rows): unseen by the client. */
  inFlightRowsBound: number;
}

/** One autocannon run (closed loop, or open loop at `overallRate` requests/s). */
export async function load(t: Target, opts: { connections: number; seconds: number; overallRate?: number; timeoutS?: number }): Promise<LoadResult> {
  const r = await autocannon({
    url: t.url,
    method: t.body === undefined ? 'GET' : 'POST',
    headers: t.body === undefined ? t.headers : { 'content-type': 'application/json', ...t.headers },
    ...(t.body === undefined ? {} : { body: t.body }),
    connections: opts.connections,
    duration: opts.seconds,
    timeout: opts.timeoutS ?? 30,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
  });
  const ok = r['2xx'];
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return {
    label: t.label,
    connections: opts.connections,
    seconds: r.duration,
    ok,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statusCodes,
    reqPerSec: ok / r.duration,
    rowsPerSec: (ok * t.rows) / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    inFlightRowsBound: opts.connections * t.rows,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The server's own Prometheus metrics (GET /api/metrics): where a run's time went, and whether it is idle.

export type Scrape = Map<string, number>;

/** Every series of /api/metrics summed by metric name; per-route series only for routes matching `only`, when given. */
export async function scrape(base: string, only?: RegExp): Promise<Scrape> {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const out: Scrape = new Map();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!m || m[1]!.endsWith('_bucket')) continue;
    if (only && m[2]?.includes('route="') && !only.test(m[2])) continue; // `only` selects among per-route series
    out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[3]));
  }
  return out;
}

/** Waits (≤ 60 s) until the server has no scoring request in progress: abandoned requests finish before the next run. */
export async function settle(base: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const s = await scrape(base, /route="\/(api\/v1\/predict|v2\/[^"]*)"/);
    if ((s.get('http_requests_in_progress') ?? 0) === 0 && (s.get('prediction_log_queue_rows') ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One line on where a run's time went, from the difference of two scrapes. */
export function breakdown(a: Scrape, b: Scrape): string {
  const d = (k: string) => (b.get(k) ?? 0) - (a.get(k) ?? 0);
  const per = (sum: string, count: string, scale = 1000) => (d(count) > 0 ? (d(sum) / d(count)) * scale : NaN);
  return [
    `inference: ${d('inference_duration_seconds_count')} calls of ${fmt(per('inference_batch_rows_sum', 'inference_batch_rows_count', 1))} rows (${fmt(per('inference_batch_requests_sum', 'inference_batch_requests_count', 1))} requests), ${ms(per('inference_duration_seconds_sum', 'inference_duration_seconds_count'))} each`,
    `log: ${d('prediction_log_flush_seconds_count')} INSERTs of ${fmt(per('prediction_log_flush_rows_sum', 'prediction_log_flush_rows_count', 1))} rows, ${ms(per('prediction_log_flush_seconds_sum', 'prediction_log_flush_seconds_count'))} each`,
    `server time per request: ${ms(per('http_request_duration_seconds_sum', 'http_request_duration_seconds_count'))}`,
  ].join('; ');
}

/** Sends one request and checks for a 2xx (warm-up, smoke check); returns the rows it scored. */
export async function once(t: Target): Promise<number> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${t.label}: ${res.status} ${text.slice(0, 300)}`);
  return t.rows;
}

/** Rows per second of OnnxScorer.score (record encoding + session.run, one thread) at `batch` rows per call. */
export async function ortRowsPerSec(batch: number, budgetMs = 3000): Promise<number> {
  const { onnx, manifest } = readModelFiles(SHIPPED_MODEL_DIR);
  const scorer = await OnnxScorer.create(onnx, manifest);
  try {
    const recs = records(Math.max(batch, 1000));
    const slice = (i: number) => (batch >= recs.length ? recs : recs.slice((i * batch) % (recs.length - batch + 1), ((i * batch) % (recs.length - batch + 1)) + batch));
    await scorer.score(slice(0));
    let rows = 0;
    let i = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs) {
      await scorer.score(slice(i++));
      rows += batch;
    }
    return rows / ((performance.now() - t0) / 1000);
  } finally {
    await scorer.release();
  }
}

export const fmt = (v: number) => (!Number.isFinite(v) ? 'n/a' : v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : 'n/a');
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : 'n/a');
export const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** Parses `--name value` flags (and bare `--flag` booleans) from argv. */
export function flags(argv = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) out.set(a.slice(2), (i++, next));
    else out.set(a.slice(2), 'true');
  }
  return out;
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
