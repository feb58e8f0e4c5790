// Exact distinct-value counting for numeric columns, three strategies from cheapest to most general. Measured on
// 1M values (tsx, this machine): dense ~5 ms, hash ~20-30 ms (few distinct), typed-array sort + RLE ~300 ms.

// Above this many distinct values a hash table stops paying off against a plain typed-array sort.
const HASH_MAX_DISTINCT = 1 << 16;
// Dense counting covers integer keys spanning at most this many slots (8 MB of counts).
const DENSE_MAX_SPAN = 1 << 20;
const DENSE_SCALES = [1, 10, 100, 1000, 10000, 100000, 1000000];

export interface Distinct {
  keys: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/**
 * Quantised columns (counts, cents, 0.1 h, 0.001 ratios) are integers after scaling by 10^k. Picks the smallest
 * such scale on a sample, then counts Math.round(v * s) in a dense array. Every value must round-trip exactly
 * (round(v*s)/s === v), so the recovered keys are bit-identical to the inputs; any miss returns null. Reads the
 * caller's array directly (non-finite entries skipped), so typed inputs are never copied on this path.
 */
export function countDistinctDense(src: ArrayLike<number>, len: number, min: number, max: number): Distinct | null {
  let scale = 0;
  for (const s of DENSE_SCALES) {
    if ((max - min) * s >= DENSE_MAX_SPAN) return null;
    let ok = true;
    for (let i = 0, seen = 0; i < len && seen < 1024 && ok; i++) {
      const v = src[i];
      if (v - v !== 0) continue; // non-finite: a null, skipped here as in the caller
      seen++;
      ok = Math.round(v * s) / s === v;
    }
    if (ok) {
      scale = s;
      break;
    }
  }
  if (!scale) return null;
  const lo = Math.round(min * scale);
  const span = Math.round(max * scale) - lo + 1;
  const counts = new Float64Array(span);
  for (let i = 0; i < len; i++) {
    const v = src[i];
    if (v - v !== 0) continue;
    const k = Math.round(v * scale);
    if (k / scale !== v) return null;
    counts[k - lo]++;
  }
  let distinct = 0;
  for (let i = 0; i < span; i++) if (counts[i] !== 0) distinct++;
  const outKeys = new Float64Array(distinct);
  const outCounts = new Float64Array(distinct);
  for (let i = 0, d = 0; i < span; i++) {
    if (counts[i] !== 0) {
      outKeys[d] = (lo + i) / scale; // + 0 not needed: lo + i is an integer, never -0
      outCounts[d++] = counts[i];
    }
  }
  return { keys: outKeys, counts: outCounts };
}

const hashSlot = (lo: number, hi: number, mask: number): number => {
  // murmur3 fmix32 on the xor of both words: integer doubles have all-zero low words.
  let h = lo ^ hi;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
};

/**
 * Counts distinct values with an open-addressing table on the raw float bits (non-quantised columns with few
 * distinct values). Returns null past HASH_MAX_DISTINCT so the caller sorts instead.
 */
export function countDistinctHashed(buf: Float64Array, len: number): Distinct | null {
  const cap = HASH_MAX_DISTINCT * 2;
  const mask = cap - 1;
  const keys = new Float64Array(cap);
  const counts = new Float64Array(cap);
  const used = new Uint8Array(cap);
  const bits = new Uint32Array(buf.buffer, buf.byteOffset, len * 2);
  let distinct = 0;
  for (let i = 0; i < len; i++) {
    const v = buf[i];
    let h = hashSlot(bits[2 * i], bits[2 * i + 1], mask);
    for (;;) {
      if (!used[h]) {
        if (++distinct > HASH_MAX_DISTINCT) return null;
        used[h] = 1;
        keys[h] = v;
        counts[h] = 1;
        break;
      }
      if (keys[h] === v) {
        counts[h]++;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const outKeys = new Float64Array(distinct);
  let k = 0;
  for (let h = 0; h < cap; h++) if (used[h]) outKeys[k++] = keys[h];
  outKeys.sort();
  const outCounts = new Float64Array(distinct);
  // Second probe pass maps each sorted key back to its slot; distinct is small, so this is cheap.
  const keyBits = new Uint32Array(outKeys.buffer);
  for (let i = 0; i < distinct; i++) {
    const v = outKeys[i];
    let h = hashSlot(keyBits[2 * i], keyBits[2 * i + 1], mask);
    while (keys[h] !== v || !used[h]) h = (h + 1) & mask;
    outCounts[i] = counts[h];
  }
  return { keys: outKeys, counts: outCounts };
}

/** Sorted distinct values by sorting then run-length encoding (any cardinality). */
export function countDistinctSorted(buf: Float64Array, len: number): Distinct {
  const view = buf.subarray(0, len);
  view.sort();
  let distinct = 0;
  for (let i = 0; i < len; i++) if (i === 0 || view[i] !== view[i - 1]) distinct++;
  const keys = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let d = -1;
  for (let i = 0; i < len; i++) {
    if (i === 0 || view[i] !== view[i - 1]) keys[++d] = view[i];
    counts[d]++;
  }
  return { keys, counts };
}
