// A streaming multipart/form-data reader for one file field: the part's bytes go to `sink` as they arrive, so a
// 500 MB upload never sits in memory (Request.formData() would buffer all of it). Other parts are skipped.
const CRLF2 = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export class MultipartError extends Error {}

export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

export interface FilePart {
  fileName: string | null;
  contentType: string | null;
}

function parsePartHeaders(text: string): { name: string | null } & FilePart {
  let name: string | null = null;
  let fileName: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      name = /;\s*name="([^"]*)"/i.exec(value)?.[1] ?? null;
      fileName = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? null;
    } else if (key === 'content-type') contentType = value;
  }
  return { name, fileName, contentType };
}

/**
 * Streams the content of the form field `field` to `sink`, awaiting it (back-pressure). Returns the part's file
 * name and type, or null when the body has no such field. Throws MultipartError on a malformed body.
 */
export async function streamMultipartFile(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  field: string,
  sink: (chunk: Buffer) => Promise<void>,
  /** Sees the part's headers before any content; may throw to refuse it. */
  onPart?: (part: FilePart) => void,
): Promise<FilePart | null> {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf = Buffer.alloc(0);
  let state: 'preamble' | 'headers' | 'body' | 'after' | 'done' = 'preamble';
  let found: FilePart | null = null;
  let writing = false;
  let ended = false;
  const iterator = body[Symbol.asyncIterator]();
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      return false;
    }
    buf = buf.length ? Buffer.concat([buf, Buffer.from(r.value)]) : Buffer.from(r.value);
    return true;
  };
  try {
    while (state !== 'done') {
      if (state === 'preamble') {
        const i = buf.indexOf(opening);
        if (i < 0) {
          if (buf.length > MAX_HEADER_BYTES || !(await more())) throw new MultipartError('the multipart body has no opening boundary');
          continue;
        }
        buf = buf.subarray(i + opening.length);
        state = 'after';
      } else if (state === 'after') {
        if (buf.length < 2 && (await more())) continue;
        if (buf.subarray(0, 2).toString() === '--') state = 'done';
        else if (buf.subarray(0, 2).toString() === '\r\n') {
          buf = buf.subarray(2);
          state = 'headers';
        } else throw new MultipartError('the multipart body is malformed after a boundary');
      } else if (state === 'headers') {
        const i = buf.indexOf(CRLF2);
        if (i < 0) {
          if (buf.length > MAX_HEADER_BYTES || !(await more())) throw new MultipartError('a multipart part has no end of headers');
          continue;
        }
        const part = parsePartHeaders(buf.subarray(0, i).toString('utf8'));
        buf = buf.subarray(i + CRLF2.length);
        writing = part.name === field && !found;
        if (writing) {
          found = { fileName: part.fileName, contentType: part.contentType };
          onPart?.(found);
        }
        state = 'body';
      } else {
        const i = buf.indexOf(delimiter);
        if (i >= 0) {
          if (writing && i > 0) await sink(buf.subarray(0, i));
          buf = buf.subarray(i + delimiter.length);
          state = 'after';
          continue;
        }
        // Everything but a tail that could be the start of the delimiter is part content.
        const safe = buf.length - (delimiter.length - 1);
        if (safe > 0) {
          if (writing) await sink(buf.subarray(0, safe));
          buf = Buffer.from(buf.subarray(safe));
        }
        if (!(await more())) throw new MultipartError('the multipart body ended inside a part');
      }
    }
    return found;
  } finally {
    // Stop reading an upload that was refused part-way.
    await iterator.return?.();
  }
}
