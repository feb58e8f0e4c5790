// What the batch-job routes call: create a job from an upload (multipart field `file`, or a text/csv body) streamed
// to disk, retry or cancel it, and describe it (progress, ETA, a sample of the invalid rows).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import type { Db } from '@/db/client';
import { cancelBatchJob, findBatchJob, insertBatchJob, requeueBatchJob, type BatchCheckpoint } from '@/db/queries/batch-jobs';
import type { BatchJob } from '@/db/serving-schema';
import { ApiError } from '@/lib/api/errors';
import { principalLabel, type Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';
import { servedOrError } from '@/lib/serving/service';
import { parseRecord, splitRecords } from './csv-records';
import { batchJobDir, batchJobFile, ERRORS_FILE, INPUT_FILE, removeBatchJobDir } from './files';
import { checkHeader, CsvIngest, MAX_BATCH_ROWS, type IngestLimits } from './ingest';
import { multipartBoundary, MultipartError, streamMultipartFile } from './multipart';
import { batchEnqueuer, type Enqueue } from './queue';

const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain|text\/x-csv|application\/vnd\.ms-excel)\b/i;
const PART_TYPES = /^(text\/csv|application\/csv|text\/plain|text\/x-csv|application\/vnd\.ms-excel|application\/octet-stream)\b/i;
const MULTIPART_SLACK = 64 * 1024;

export interface CreateArgs {
  db: Db;
  req: Request;
  principal: Principal | null;
  /** Defaults to the process's pg-boss queue; tests pass their own. */
  enqueue?: Enqueue;
  limits?: Partial<IngestLimits>;
}

function notCsv(what: string): ApiError {
  return new ApiError('unsupported_media_type', `${what}. Upload a CSV file: multipart/form-data with the field "file", or the CSV itself as the body with Content-Type: text/csv.`);
}

type Upload = { kind: 'multipart'; boundary: string } | { kind: 'csv' };

/** What kind of upload this is, refused (415) before anything is read or started. */
function uploadKind(req: Request): Upload {
  const type = req.headers.get('content-type') ?? '';
  const boundary = multipartBoundary(type);
  if (boundary) return { kind: 'multipart', boundary };
  if (/^multipart\/form-data\b/i.test(type)) throw new ApiError('bad_request', 'The multipart Content-Type has no boundary');
  if (!CSV_TYPES.test(type)) throw notCsv(type ? `Content-Type ${type.split(';')[0]} is not accepted` : 'The request has no Content-Type');
  return { kind: 'csv' };
}

/** Streams the upload through `ingest` (which writes it to disk); returns the file name the client gave. */
async function receive(req: Request, upload: Upload, ingest: CsvIngest): Promise<string> {
  if (!req.body) throw new ApiError('validation_failed', 'Attach a CSV file (the form field "file")', [{ path: 'file', message: 'is required' }]);
  const body = req.body as unknown as AsyncIterable<Uint8Array>;
  if (upload.kind === 'multipart') {
    let part;
    try {
      part = await streamMultipartFile(body, upload.boundary, 'file', (chunk) => ingest.write(chunk), (p) => {
        if (p.fileName && !/\.(csv|txt)$/i.test(p.fileName)) throw notCsv(`"${p.fileName}" is not a .csv file`);
        if (p.contentType && !PART_TYPES.test(p.contentType)) throw notCsv(`The file was sent as ${p.contentType}`);
      });
    } catch (e) {
      if (e instanceof MultipartError) throw new ApiError('bad_request', `The multipart body could not be read: ${e.message}`);
      throw e;
    }
    if (!part) throw new ApiError('validation_failed', 'Attach the CSV file as the form field "file"', [{ path: 'file', message: 'is required' }]);
    return part.fileName || 'upload.csv';
  }
  for await (const chunk of body) await ingest.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  const name = new URL(req.url).searchParams.get('file_name');
  return name?.slice(0, 200) || 'upload.csv';
}

/** Creates a queued job for the served model from the request's CSV; 4xx for anything that is not a valid file. */
export async function createBatchJob({ db, req, principal, enqueue, limits }: CreateArgs): Promise<BatchJob> {
  const maxBytes = limits?.maxBytes ?? env().BATCH_MAX_UPLOAD_BYTES;
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_SLACK) {
    throw new ApiError('payload_too_large', `The upload is larger than the limit of ${maxBytes} bytes (BATCH_MAX_UPLOAD_BYTES)`, { limit_bytes: maxBytes });
  }
  const upload = uploadKind(req);
  const model = await servedOrError(db);
  const enqueueJob = enqueue ?? (await batchEnqueuer());
  const id = randomUUID();
  fs.mkdirSync(batchJobDir(id), { recursive: true });
  try {
    const out = await open(batchJobFile(id, INPUT_FILE), 'w');
    let fileName: string;
    let rows: number;
    try {
      const ingest = new CsvIngest(out, { maxBytes, maxRows: limits?.maxRows ?? MAX_BATCH_ROWS }, (columns) => checkHeader(columns, model.manifest.features, model.name));
      fileName = await receive(req, upload, ingest);
      rows = (await ingest.end()).rows;
      await out.datasync();
    } finally {
      await out.close();
    }
    return await db.transaction(async (tx) => {
      const job = await insertBatchJob({
        db: tx,
        job: { id, fileName, createdBy: principal ? principalLabel(principal) : null, modelName: model.name, modelVersion: model.version, totalRows: rows },
      });
      await enqueueJob(tx, id);
      return job;
    });
  } catch (e) {
    removeBatchJobDir(id);
    throw e;
  }
}

export async function jobOrNotFound(db: Db, id: string): Promise<BatchJob> {
  const job = await findBatchJob({ db, id });
  if (!job) throw new ApiError('not_found', `No batch job ${id}`);
  return job;
}

/** Queues a failed or cancelled job again; it resumes from its last committed chunk. */
export async function retryBatchJob({ db, id, enqueue }: { db: Db; id: string; enqueue?: Enqueue }): Promise<BatchJob> {
  const job = await jobOrNotFound(db, id);
  if (job.status !== 'failed' && job.status !== 'cancelled') throw new ApiError('conflict', `Only a failed or cancelled job can be retried; this one is ${job.status}`);
  const enqueueJob = enqueue ?? (await batchEnqueuer());
  const row = await db.transaction(async (tx) => {
    const r = await requeueBatchJob({ db: tx, id });
    if (r) await enqueueJob(tx, id);
    return r;
  });
  if (!row) throw new ApiError('conflict', 'The job changed state meanwhile; reload it');
  return row;
}

export async function cancelJob({ db, id }: { db: Db; id: string }): Promise<BatchJob> {
  const job = await jobOrNotFound(db, id);
  const row = await cancelBatchJob({ db, id });
  if (!row) throw new ApiError('conflict', `Only a queued or running job can be cancelled; this one is ${job.status}`);
  return row;
}

export interface RowIssueView {
  line: number;
  customer_id: string | null;
  field: string;
  message: string;
}

/** The first `limit` lines of the job's error file (a sample for the job's page; the full list is a download). */
export function invalidRowsSample(id: string, limit = 20): RowIssueView[] {
  let buf: Buffer;
  try {
    const fd = fs.openSync(batchJobFile(id, ERRORS_FILE), 'r');
    try {
      buf = Buffer.alloc(64 * 1024);
      buf = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
  const out: RowIssueView[] = [];
  splitRecords(buf, { pos: 0, line: 1 }, false, (s, e, line) => {
    if (line === 1) return;
    const [l, customerId, field, message] = parseRecord(buf.toString('utf8', s, e)).fields;
    out.push({ line: Number(l), customer_id: customerId || null, field: field ?? '', message: message ?? '' });
    return out.length < limit;
  });
  return out;
}

/** The API's view of a job: progress as a fraction, an ETA from the current attempt's throughput, and links. */
export function jobView(job: BatchJob) {
  const ck = job.checkpoint as BatchCheckpoint | null;
  const total = job.totalRows ?? 0;
  const rate = ck?.rowsPerSecond ?? 0;
  const base = `/api/v1/batch-jobs/${job.id}`;
  return {
    id: job.id,
    status: job.status,
    file_name: job.fileName,
    created_by: job.createdBy,
    created_at: job.createdAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
    updated_at: job.updatedAt,
    model: { name: job.modelName, version: job.modelVersion === null ? null : String(job.modelVersion) },
    total_rows: job.totalRows,
    rows_done: job.rowsDone,
    invalid_rows: job.invalidRows,
    scored_rows: job.rowsDone - job.invalidRows,
    progress: total ? Math.min(1, job.rowsDone / total) : 0,
    eta_seconds: job.status === 'running' && rate > 0 ? Math.ceil(Math.max(0, total - job.rowsDone) / rate) : null,
    rows_per_second: job.status === 'running' || job.status === 'succeeded' ? Math.round(rate) : null,
    attempts: job.attempts,
    error: job.error,
    links: {
      self: base,
      result: job.status === 'succeeded' ? `${base}/result` : null,
      errors: job.invalidRows > 0 ? `${base}/errors` : null,
      retry: job.status === 'failed' || job.status === 'cancelled' ? `${base}/retry` : null,
    },
  };
}
export type BatchJobView = ReturnType<typeof jobView>;
