// A job's result or error file as a streamed CSV download.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { ApiError } from '@/lib/api/errors';

export function csvDownload(file: string, downloadName: string): Response {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new ApiError('not_found', 'The file is not there any more');
  }
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${downloadName.replace(/[^\w.-]+/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}

/** `customers.csv` → `customers-scored.csv`. */
export function derivedName(fileName: string, suffix: string): string {
  return `${fileName.replace(/\.(csv|txt)$/i, '') || 'batch'}-${suffix}.csv`;
}
