// Ground-truth labels in: JSON (`{"labels": [...]}`) or a CSV file, both checked by the same schema so a bad row is
// reported with its position and field, and nothing is stored unless every row is valid.
import { z } from 'zod';
import { ApiError, issuesToDetails } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/body';
import { parseHeader, parseRecord, splitRecords } from '@/lib/batch/csv-records';

export const MAX_LABELS_PER_REQUEST = 100_000;

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'must be a month as YYYY-MM (or YYYY-MM-01)')
  .transform((m) => `${m.slice(0, 7)}-01`);

const labelSchema = z
  .object({
    customer_id: z.string().min(1).max(200).optional(),
    month: month.optional(),
    request_id: z.string().min(1).max(200).optional(),
    row_index: z.number().int().min(0).max(10_000_000).optional(),
    churned: z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (!l.customer_id === !l.request_id) ctx.addIssue({ code: 'custom', path: ['customer_id'], message: 'give exactly one of customer_id (with month) or request_id (with row_index)' });
    if (l.request_id && l.month) ctx.addIssue({ code: 'custom', path: ['month'], message: 'month goes with customer_id; a request_id label names its row with row_index' });
    if (l.customer_id && l.row_index !== undefined) ctx.addIssue({ code: 'custom', path: ['row_index'], message: 'row_index goes with request_id' });
  });

export const labelsRequestSchema = z.object({ labels: z.array(labelSchema).min(1).max(MAX_LABELS_PER_REQUEST) }).strict();
export type LabelInput = z.infer<typeof labelSchema>;

function parseOrThrow(value: unknown, where: string): LabelInput[] {
  const r = labelsRequestSchema.safeParse(value);
  if (!r.success) {
    const details = issuesToDetails(r.error.issues).map((d) => ({ ...d, path: `${where}.${d.path}` }));
    const tooMany = r.error.issues.some((i) => i.code === 'too_big' && i.path.length === 1);
    if (tooMany) throw new ApiError('payload_too_large', `At most ${MAX_LABELS_PER_REQUEST.toLocaleString('en-US')} labels per request; split the file`);
    throw new ApiError('validation_failed', `Invalid ${details[0]!.path}: ${details[0]!.message}`, details.slice(0, 100));
  }
  return r.data.labels;
}

const TRUE = new Set(['1', 'true', 't', 'yes', 'y']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n']);
const CSV_COLUMNS = ['customer_id', 'month', 'request_id', 'row_index', 'churned'];

/** CSV → the JSON request shape. Columns: churned, and customer_id [+ month] or request_id [+ row_index]. */
export function labelsFromCsv(buf: Uint8Array): unknown {
  const lines: { text: string; line: number }[] = [];
  splitRecords(buf, { pos: 0, line: 1 }, true, (s, e, line) => void lines.push({ text: Buffer.from(buf.subarray(s, e)).toString('utf8').replace(/\r$/, ''), line }));
  const nonEmpty = lines.filter((l) => l.text.trim() !== '');
  if (!nonEmpty.length) throw new ApiError('bad_request', 'The CSV file is empty');
  const header = parseHeader(nonEmpty[0]!.text);
  const unknown = header.filter((h) => !CSV_COLUMNS.includes(h));
  if (unknown.length) throw new ApiError('validation_failed', `Unknown column ${unknown[0]}; the columns are ${CSV_COLUMNS.join(', ')}`, [{ path: 'csv.header', message: `unknown column ${unknown[0]}` }]);
  if (!header.includes('churned')) throw new ApiError('validation_failed', 'The CSV needs a churned column', [{ path: 'csv.header', message: 'missing column churned' }]);
  if (nonEmpty.length - 1 > MAX_LABELS_PER_REQUEST) throw new ApiError('payload_too_large', `At most ${MAX_LABELS_PER_REQUEST.toLocaleString('en-US')} labels per file; split the file`);
  return {
    labels: nonEmpty.slice(1).map(({ text, line }) => {
      const { fields, error } = parseRecord(text);
      if (error) throw new ApiError('validation_failed', `Line ${line} ${error}`, [{ path: `csv.line.${line}`, message: error }]);
      const rec: Record<string, unknown> = {};
      header.forEach((h, i) => {
        const v = (fields[i] ?? '').trim();
        if (v === '') return;
        if (h === 'churned') {
          const low = v.toLowerCase();
          rec[h] = TRUE.has(low) ? true : FALSE.has(low) ? false : v;
        } else if (h === 'row_index') rec[h] = /^\d+$/.test(v) ? Number(v) : v;
        else rec[h] = v;
      });
      return rec;
    }),
  };
}

/** Reads labels from a JSON or CSV body (by content type). */
export async function readLabels(req: Request, limit: number): Promise<LabelInput[]> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('text/csv')) {
    const declared = Number(req.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limit) throw new ApiError('payload_too_large', `The file is larger than ${limit} bytes`);
    const buf = new Uint8Array(await req.arrayBuffer());
    if (buf.byteLength > limit) throw new ApiError('payload_too_large', `The file is larger than ${limit} bytes`);
    return parseOrThrow(labelsFromCsv(buf), 'csv');
  }
  return parseOrThrow(await readJsonBody(req, limit), 'body');
}
