// One chunk of a batch file, start to finish except persistence: split the bytes into records, type each value by
// the model's feature, validate with the serving encoder, score the valid records, explain them, and render the
// result and error CSV lines. Runs in the scoring worker thread; the main thread only writes what comes back.
import { csvLine } from '@/lib/data/csv';
import { SENSITIVE_ATTRIBUTE_NAMES } from '@/lib/data/features';
import { encodeRecord, type FeatureEncoding } from '@/lib/ml/encoder';
import { topReasons } from '@/lib/ml/explain/reasons';
import { decide, riskBand, type DecisionPolicy, type RiskBand } from '@/lib/serving/policy';
import type { ScoringModel } from '@/lib/serving/model-bundle';
import { parseRecord, splitRecords } from './csv-records';

export const CUSTOMER_ID = 'customer_id';
/** Group attribute columns a batch file may carry (never scored on): the customers' sensitive attributes. */
export const GROUP_ATTRIBUTE_NAMES: readonly string[] = SENSITIVE_ATTRIBUTE_NAMES;
export const REASONS = 3;
export const RESULT_COLUMNS = ['customer_id', 'line', 'churn_probability', 'risk_band', 'contact', 'threshold', ...Array.from({ length: REASONS }, (_, i) => `reason_${i + 1}`)];
export const ERROR_COLUMNS = ['line', 'customer_id', 'field', 'message'];

export interface ChunkContext {
  model: ScoringModel;
  features: readonly FeatureEncoding[];
  /** The file's columns, in file order. */
  columns: readonly string[];
  /** The decision rule every scoring path shares (lib/serving/policy.ts). */
  policy: DecisionPolicy;
}

export interface ScoredRow {
  line: number;
  customerId: string | null;
  features: Record<string, unknown>;
  p: number;
  band: RiskBand;
  contact: boolean;
  /** The threshold this row was decided at (a group's, under a fairness threshold policy). */
  threshold: number;
}

export interface ChunkResult {
  resultCsv: string;
  errorsCsv: string;
  scored: ScoredRow[];
  /** Records in the chunk (valid + invalid). */
  rows: number;
  invalidRows: number;
  ms: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as the value the encoder expects: empty → null, numbers and booleans parsed; anything else stays text (and fails validation). */
export function cellValue(f: FeatureEncoding, raw: string): unknown {
  const v = raw.trim();
  if (v === '') return null;
  if (f.type === 'numeric') return NUMBER.test(v) ? Number(v) : v;
  if (f.type === 'boolean') {
    const l = v.toLowerCase();
    return l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : v;
  }
  return v;
}

interface Issue {
  line: number;
  customerId: string | null;
  field: string;
  message: string;
}

export async function scoreChunk(ctx: ChunkContext, bytes: Uint8Array, startLine: number): Promise<ChunkResult> {
  const t0 = performance.now();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byName = new Map(ctx.features.map((f) => [f.name, f]));
  const colFeature = ctx.columns.map((c) => byName.get(c) ?? null);
  const idCol = ctx.columns.indexOf(CUSTOMER_ID);
  // Group attributes (never model inputs) that a per-group threshold policy may key decisions by.
  const attrCols = GROUP_ATTRIBUTE_NAMES.map((a) => [a, ctx.columns.indexOf(a)] as const).filter(([, i]) => i >= 0 && !byName.has(ctx.columns[i]!));
  const attrs: (Record<string, string> | null)[] = [];
  const scratch = new Float32Array(ctx.features.length);
  const records: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const ids: (string | null)[] = [];
  const issues: Issue[] = [];
  let rows = 0;
  let invalidRows = 0;

  splitRecords(buf, { pos: 0, line: startLine }, true, (start, end, line) => {
    rows++;
    const { fields, error } = parseRecord(buf.toString('utf8', start, end));
    const id = idCol >= 0 ? (fields[idCol]?.trim() ?? '') || null : null;
    const found: Issue[] = [];
    if (error) found.push({ line, customerId: id, field: '(record)', message: error });
    else if (fields.length !== ctx.columns.length) {
      found.push({ line, customerId: id, field: '(record)', message: `has ${fields.length} fields; the header has ${ctx.columns.length}` });
    } else {
      if (id !== null && id.length > 200) found.push({ line, customerId: id.slice(0, 200), field: CUSTOMER_ID, message: 'must be at most 200 characters' });
      // PostgreSQL text cannot hold NUL: such an id would fail the chunk's log INSERT (and the job) instead of this row.
      else if (id !== null && id.includes('\u0000')) found.push({ line, customerId: id.replaceAll('\u0000', ''), field: CUSTOMER_ID, message: 'must not contain NUL characters' });
      const record: Record<string, unknown> = {};
      for (let c = 0; c < fields.length; c++) {
        const f = colFeature[c];
        if (f) record[f.name] = cellValue(f, fields[c]!);
      }
      const features: Record<string, unknown> = {};
      for (const f of ctx.features) features[f.name] = record[f.name] ?? null;
      for (const e of encodeRecord({ features: ctx.features as FeatureEncoding[] }, features, scratch)) found.push({ line, customerId: id, ...e });
      if (found.length === 0) {
        records.push(features);
        lines.push(line);
        ids.push(id);
        let a: Record<string, string> | null = null;
        for (const [name, i] of attrCols) {
          const v = fields[i]!.trim();
          if (v) (a ??= {})[name] = v;
        }
        attrs.push(a);
      }
    }
    if (found.length) {
      invalidRows++;
      issues.push(...found);
    }
  });

  const { probabilities, errors } = records.length ? await ctx.model.scorer.scoreDetailed(records) : { probabilities: new Float64Array(0), errors: [] };
  if (errors.length) throw new Error(`a validated record failed to encode: line ${lines[errors[0]!.row]} ${errors[0]!.field} ${errors[0]!.message}`);
  const explanations = records.length && ctx.model.explainer ? await ctx.model.explainer.explain(records) : null;

  const scored: ScoredRow[] = new Array(records.length);
  const out: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const p = probabilities[i]!;
    const { contact, threshold } = decide(p, ctx.policy, attrs[i]);
    const band = riskBand(p, threshold);
    const reasons = explanations ? topReasons(explanations[i]!.contributions, records[i]!, ctx.features, REASONS).map((r) => r.sentence) : [];
    while (reasons.length < REASONS) reasons.push('');
    out[i] = csvLine([ids[i], lines[i], p, band, contact, threshold, ...reasons]);
    scored[i] = { line: lines[i]!, customerId: ids[i]!, features: records[i]!, p, band, contact, threshold };
  }
  return {
    resultCsv: out.join(''),
    errorsCsv: issues.map((e) => csvLine([e.line, e.customerId, e.field, e.message])).join(''),
    scored,
    rows,
    invalidRows,
    ms: performance.now() - t0,
  };
}
