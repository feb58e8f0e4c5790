// Takes an uploaded CSV as it streams in: every byte goes straight to disk while the records are counted and the
// header is checked as soon as it arrives, so a wrong file is refused after its first line and a large one never
// sits in memory. Limits: bytes (BATCH_MAX_UPLOAD_BYTES) and data rows (1,000,000 by default).
import type { FileHandle } from 'node:fs/promises';
import { ApiError } from '@/lib/api/errors';
import type { FeatureEncoding } from '@/lib/ml/encoder';
import { MAX_RECORD_BYTES } from './chunk-reader';
import { parseHeader, splitRecords } from './csv-records';
import { CUSTOMER_ID, GROUP_ATTRIBUTE_NAMES as GROUP_ATTRIBUTES } from './score-chunk';

export const MAX_BATCH_ROWS = 1_000_000;

/**
 * The header must name every feature of the model, may add customer_id and the group attributes a fairness threshold
 * policy is keyed by (age_band, gender, region: never scored on), and nothing else.
 */
export function checkHeader(columns: readonly string[], features: readonly Pick<FeatureEncoding, 'name'>[], modelName: string): void {
  const names = new Set(features.map((f) => f.name));
  const seen = new Set<string>();
  const duplicate = columns.filter((c) => (seen.has(c) ? true : (seen.add(c), false)));
  const unknown = columns.filter((c) => c !== CUSTOMER_ID && !names.has(c) && !GROUP_ATTRIBUTES.includes(c)).map((c) => c || '(empty)');
  const missing = features.map((f) => f.name).filter((n) => !seen.has(n));
  if (!duplicate.length && !unknown.length && !missing.length) return;
  const parts = [
    unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    duplicate.length ? `repeated column${duplicate.length > 1 ? 's' : ''} ${duplicate.join(', ')}` : '',
  ].filter(Boolean);
  throw new ApiError(
    'validation_failed',
    `The CSV header does not match ${modelName}: ${parts.join('; ')}. The header needs every feature of the model (see GET /api/v1/models/${encodeURIComponent(modelName)}) and may add customer_id and ${GROUP_ATTRIBUTES.join(', ')}.`,
    [
      ...unknown.map((c) => ({ path: 'file.header', column: c, message: 'is not a feature of the model' })),
      ...missing.map((c) => ({ path: 'file.header', column: c, message: 'is required' })),
      ...duplicate.map((c) => ({ path: 'file.header', column: c, message: 'appears more than once' })),
    ],
  );
}

export interface IngestLimits {
  maxBytes: number;
  maxRows: number;
}

export class CsvIngest {
  bytes = 0;
  rows = 0;
  columns: string[] | null = null;
  private carry = Buffer.alloc(0);
  private line = 1;

  constructor(
    private readonly out: FileHandle,
    private readonly limits: IngestLimits,
    private readonly onHeader: (columns: string[]) => void,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (this.bytes === 0 && chunk.subarray(0, 8192).includes(0)) {
      throw new ApiError('unsupported_media_type', 'The file is not a CSV text file (it contains binary data). Export the sheet as CSV (UTF-8) and upload that.');
    }
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) {
      throw new ApiError('payload_too_large', `The file is larger than the limit of ${this.limits.maxBytes} bytes (BATCH_MAX_UPLOAD_BYTES)`, { limit_bytes: this.limits.maxBytes });
    }
    await this.out.write(chunk);
    this.scan(chunk, false);
  }

  async end(): Promise<{ rows: number; bytes: number; columns: string[] }> {
    this.scan(Buffer.alloc(0), true);
    if (!this.columns) throw new ApiError('validation_failed', 'The file is empty: it needs a header line and at least one customer row', [{ path: 'file', message: 'is empty' }]);
    if (this.rows === 0) throw new ApiError('validation_failed', 'The file has a header but no customer rows', [{ path: 'file', message: 'has no data rows' }]);
    return { rows: this.rows, bytes: this.bytes, columns: this.columns };
  }

  private scan(chunk: Buffer, final: boolean): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const r = splitRecords(buf, { pos: 0, line: this.line }, final, (start, end) => {
      if (!this.columns) {
        this.columns = parseHeader(buf.toString('utf8', start, end));
        this.onHeader(this.columns);
        return;
      }
      if (++this.rows > this.limits.maxRows) {
        throw new ApiError('payload_too_large', `The file has more than ${this.limits.maxRows.toLocaleString('en-US')} rows; split it into several jobs`, { limit_rows: this.limits.maxRows });
      }
    });
    this.carry = Buffer.from(buf.subarray(r.pos));
    this.line = r.line;
    if (this.carry.length > MAX_RECORD_BYTES) throw new ApiError('validation_failed', `Line ${this.line} is longer than ${MAX_RECORD_BYTES} bytes; is this a CSV file?`, [{ path: 'file', line: this.line, message: 'line too long' }]);
  }
}
