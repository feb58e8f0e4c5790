import { invalid } from './errors';
import { LIMITS, parseInt64 } from '../validation';

/** Opaque page tokens: base64 of {"offset": N}. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

export function decodePageToken(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const o = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof o.offset === 'number' && Number.isSafeInteger(o.offset) && o.offset >= 0) return o.offset;
  } catch {
    /* fall through */
  }
  throw invalid(`Invalid page token, could not base64-decode: ${String(token).slice(0, 40)}`);
}

export function maxResults(value: unknown, fallback: number = LIMITS.searchDefaultResults, cap: number = LIMITS.searchMaxResults): number {
  const n = parseInt64('max_results', value, fallback);
  if (n < 1 || n > cap) throw invalid(`Invalid value for request parameter max_results. It must be at most ${cap}, but got value ${n}`);
  return n;
}

export function stringList(name: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const xs = Array.isArray(v) ? v : [v];
  return xs.map((x) => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number') return String(x);
    throw invalid(`Invalid value for parameter '${name}': expected a list of strings.`);
  });
}
