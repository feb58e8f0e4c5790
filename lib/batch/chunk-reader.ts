// Reads a CSV file chunk by chunk from a byte offset: each chunk is the raw bytes of up to `rows` whole records, with
// the line its first record starts on and the offset and line just past it (what the next checkpoint stores).
import type { FileHandle } from 'node:fs/promises';
import { splitRecords } from './csv-records';

const BLOCK = 1 << 20;
/** A record longer than this is refused rather than buffered without end. */
export const MAX_RECORD_BYTES = 1 << 20;

export interface Chunk {
  bytes: Buffer;
  rows: number;
  startLine: number;
  /** Byte offset and line just after the chunk's last record. */
  endOffset: number;
  endLine: number;
}

export async function* readChunks(fh: FileHandle, from: { offset: number; line: number }, rows: number): AsyncGenerator<Chunk> {
  let carry = Buffer.alloc(0);
  let carryOffset = from.offset; // file offset of carry[0]
  let line = from.line;
  let eof = false;
  while (true) {
    let count = 0;
    let chunkEnd = 0;
    let state = { pos: 0, line };
    let chunkStartLine = -1;
    // Grow the buffer until it holds `rows` records or the file ends.
    for (;;) {
      const r = splitRecords(carry, state, eof, (_s, _e, l) => {
        if (count === rows) return false;
        if (chunkStartLine < 0) chunkStartLine = l;
        count++;
        return true;
      });
      state = { pos: r.pos, line: r.line };
      chunkEnd = r.pos;
      if (count === rows || eof) break;
      if (carry.length - chunkEnd > MAX_RECORD_BYTES) throw new Error(`line ${state.line} is longer than ${MAX_RECORD_BYTES} bytes`);
      const block = Buffer.allocUnsafe(BLOCK);
      const { bytesRead } = await fh.read(block, 0, BLOCK, carryOffset + carry.length);
      if (bytesRead === 0) eof = true;
      else carry = carry.length ? Buffer.concat([carry, block.subarray(0, bytesRead)]) : block.subarray(0, bytesRead);
    }
    if (count === 0) return;
    yield { bytes: Buffer.from(carry.subarray(0, chunkEnd)), rows: count, startLine: chunkStartLine, endOffset: carryOffset + chunkEnd, endLine: state.line };
    carry = carry.subarray(chunkEnd);
    carryOffset += chunkEnd;
    line = state.line;
  }
}
