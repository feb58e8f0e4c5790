import { ApiError } from './errors';

/** Reads a JSON body, refusing it (413) as soon as it passes `limit` bytes, before it is all in memory. */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const type = req.headers.get('content-type') ?? '';
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', `Send the body as application/json (got ${type.split(';')[0]})`);
  }
  if (!req.body) throw new ApiError('bad_request', 'A JSON body is required');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError('bad_request', 'A JSON body is required');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad_request', `The body is not valid JSON: ${(e as Error).message}`);
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError('payload_too_large', `The body is larger than the limit of ${limit} bytes`, { limit_bytes: limit });
}
