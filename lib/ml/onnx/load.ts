// Serving an ONNX churn model: one InferenceSession per model, created once and reused (creation costs 1-100 ms,
// a run ~30 us). Never create a session at module scope: Next imports route modules at build time.
import * as ort from 'onnxruntime-node';
import type { ModelManifest } from '@/lib/ml/manifest';
import { buildFeeds, type RowError } from '@/lib/ml/onnx/feeds';
import { parseOnnxModel, type ParsedOnnx } from '@/lib/ml/onnx/parse';

/**
 * One intra-op thread: a request-concurrent server should not oversubscribe small machines, and with one thread
 * onnxruntime sums trees in order, so probabilities equal the in-memory model's bit for bit (see export.test.ts).
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' };

export async function createSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), SESSION_OPTIONS);
}

export class RecordValidationError extends Error {
  constructor(readonly errors: RowError[]) {
    super(`invalid record(s): ${errors.slice(0, 3).map((e) => `row ${e.row}: ${e.field} ${e.message}`).join('; ')}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ''}`);
    this.name = 'RecordValidationError';
  }
}

/** Plain numbers from any numeric tensor; int64 outputs are BigInt64Array, which JSON.stringify cannot serialise. */
export function tensorNumbers(t: ort.Tensor): Float64Array {
  const d = t.data;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float64Array.from(d, (v) => Number(v));
  if (Array.isArray(d)) throw new Error(`tensor of type ${t.type} is not numeric`);
  return Float64Array.from(d as ArrayLike<number>);
}

export class OnnxScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly manifest: ModelManifest,
    readonly parsed: ParsedOnnx,
  ) {}

  /** Parses and loads the model. Run validateOnnxImport on imports first: this trusts the manifest. */
  static async create(bytes: Uint8Array, manifest: ModelManifest): Promise<OnnxScorer> {
    const parsed = parseOnnxModel(bytes);
    return new OnnxScorer(await createSession(bytes), manifest, parsed);
  }

  /** Wraps a session the caller already created (the validator); the scorer then owns it. */
  static fromSession(session: ort.InferenceSession, manifest: ModelManifest, parsed: ParsedOnnx): OnnxScorer {
    return new OnnxScorer(session, manifest, parsed);
  }

  /**
   * Runs the records that are valid and returns the requested outputs (graph outputs) for them plus the feeds, so
   * a caller can read the encoded input too. `rows` maps batch rows back to record indices.
   */
  async run(records: readonly Record<string, unknown>[], fetches: readonly string[]) {
    const { feeds, rows, errors } = buildFeeds(this.manifest, this.parsed.inputs, records);
    if (!feeds) return { outputs: {} as Record<string, ort.Tensor>, feeds: {} as Record<string, ort.Tensor>, rows, errors };
    const outputs = (await this.session.run(feeds, [...fetches])) as Record<string, ort.Tensor>;
    return { outputs, feeds, rows, errors };
  }

  /** P(class 1) per record (NaN for invalid records) and the field errors of the invalid ones. */
  async scoreDetailed(records: readonly Record<string, unknown>[]): Promise<{ probabilities: Float64Array; errors: RowError[] }> {
    const name = this.manifest.probabilities_output;
    const { outputs, rows, errors } = await this.run(records, [name]);
    const probabilities = new Float64Array(records.length).fill(Number.NaN);
    if (rows.length) {
      const t = outputs[name]!;
      const width = t.dims[t.dims.length - 1] ?? 1;
      if (width !== 2) throw new Error(`output ${name} has ${width} columns; a binary model needs 2`);
      const p = tensorNumbers(t);
      rows.forEach((r, k) => (probabilities[r] = p[k * 2 + 1]!));
    }
    return { probabilities, errors };
  }

  /**
   * P(class 1) for rows already encoded by lib/ml/encoder.ts (row-major, `n` × features), for models whose input is
   * one float tensor. The serving path validates and encodes in one pass and scores micro-batches with this.
   */
  async scoreEncoded(x: Float32Array, n: number): Promise<Float64Array> {
    if (this.manifest.input.kind !== 'tensor') throw new Error('scoreEncoded needs a model with one tensor input');
    const name = this.manifest.probabilities_output;
    const width = this.manifest.features.length;
    if (x.length !== n * width) throw new Error(`expected ${n} × ${width} values, got ${x.length}`);
    const outputs = (await this.session.run({ [this.manifest.input.name]: new ort.Tensor('float32', x, [n, width]) }, [name])) as Record<string, ort.Tensor>;
    const p = tensorNumbers(outputs[name]!);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = p[i * 2 + 1]!;
    return out;
  }

  /** P(class 1) per record, from the probabilities output's column 1 (never from `label`). */
  async score(records: readonly Record<string, unknown>[]): Promise<Float64Array> {
    const { probabilities, errors } = await this.scoreDetailed(records);
    if (errors.length) throw new RecordValidationError(errors);
    return probabilities;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
