// The bench's audit worker: receives the columns once (typed arrays, transferred, not copied), then runs the audit
// on request and posts back the result with its in-worker timing. This is where a web route would run an audit of
// this size, off the event loop.
import { parentPort } from 'node:worker_threads';
import { audit } from '@/lib/fairness/audit';
import type { AuditInput, AuditResult } from '@/lib/fairness/audit';

export interface BenchData {
  yTrue: Uint8Array;
  yScore: Float64Array;
  threshold: number;
  attributes: { name: string; codes: Uint8Array; labels: string[] }[];
  intersections: string[][];
}
export type BenchRequest =
  | { kind: 'data'; data: BenchData }
  | { kind: 'run'; bootstrap: AuditInput['bootstrap']; strings?: boolean };
export interface BenchReply {
  result: AuditResult;
  auditMs: number;
  cpuMs: number;
  /** Building the string label arrays (strings mode only; not part of auditMs). */
  prepMs: number;
}

let data: BenchData | null = null;

parentPort!.on('message', (msg: BenchRequest) => {
  if (msg.kind === 'data') {
    data = msg.data;
    parentPort!.postMessage({ ready: true });
    return;
  }
  const d = data!;
  const t0 = performance.now();
  // Strings mode: what a route receiving JSON label arrays would pass (one string per row and attribute).
  const sensitive: AuditInput['sensitive'] = {};
  for (const a of d.attributes) sensitive[a.name] = msg.strings ? Array.from(a.codes, (c) => a.labels[c]) : { codes: a.codes, labels: a.labels };
  const prepMs = performance.now() - t0;
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const result = audit({ yTrue: d.yTrue, yScore: d.yScore, threshold: d.threshold, sensitive, intersections: d.intersections, bootstrap: msg.bootstrap });
  const auditMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const reply: BenchReply = { result, auditMs, cpuMs: (cpu.user + cpu.system) / 1000, prepMs };
  parentPort!.postMessage(reply);
});
