// RFC 4180 records over raw bytes, for files too large to hold as one string. The splitter finds where each record
// ends (a newline outside quotes) without decoding: '"' and '\n' never occur inside a multi-byte UTF-8 sequence, so
// byte offsets stay exact, which is what a checkpoint stores. Blank lines are skipped but still counted, so every
// record carries the physical line it starts on (line 1 is the header) — the number a person sees in an editor.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface SplitState {
  /** Offset in the buffer where the next (unfinished) record starts. */
  pos: number;
  /** Physical line that record starts on. */
  line: number;
}

/**
 * Calls `emit(start, end, line)` for every complete non-blank record in `buf` from `state.pos` (`end` excludes the
 * line break). With `final`, a last record without a line break is complete too. `emit` returning false stops early.
 * Returns the state after the last emitted record.
 */
export function splitRecords(buf: Uint8Array, state: SplitState, final: boolean, emit: (start: number, end: number, line: number) => boolean | void): SplitState & { stopped: boolean } {
  let recStart = state.pos;
  let recLine = state.line;
  let p = recStart;
  let lines = 0;
  let inQuotes = false;
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // The next quote at or after p; searched again only when p passes it, so a file without quotes is scanned once.
  let nextQuote = b.indexOf(QUOTE, p);
  for (;;) {
    const nl = b.indexOf(LF, p);
    const limit = nl < 0 ? b.length : nl;
    while (nextQuote >= 0 && nextQuote < limit) {
      inQuotes = !inQuotes;
      nextQuote = b.indexOf(QUOTE, nextQuote + 1);
    }
    if (nl < 0) {
      if (final && recStart < b.length) {
        let end = b.length;
        if (b[end - 1] === CR) end--;
        if (end > recStart && emit(recStart, end, recLine) === false) return { pos: recStart, line: recLine, stopped: true };
        return { pos: b.length, line: recLine + lines + 1, stopped: false };
      }
      return { pos: recStart, line: recLine, stopped: false };
    }
    lines++;
    p = nl + 1;
    if (inQuotes) continue; // a line break inside a quoted field belongs to the record
    let end = nl;
    if (end > recStart && b[end - 1] === CR) end--;
    if (end > recStart && emit(recStart, end, recLine) === false) return { pos: recStart, line: recLine, stopped: true };
    recStart = p;
    recLine += lines;
    lines = 0;
  }
}

/** The fields of one record (RFC 4180: commas, double quotes around fields, "" for a quote inside one). */
export function parseRecord(text: string): { fields: string[]; error: string | null } {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return { fields, error: 'has a quoted field that is never closed' };
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { fields, error: null };
      if (text[i] !== ',') return { fields, error: `has characters after a closing quote in field ${fields.length}` };
      i++;
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) {
        fields.push(text.slice(i));
        return { fields, error: null };
      }
      fields.push(text.slice(i, c));
      i = c + 1;
    }
  }
}

/** The header's column names (a UTF-8 byte-order mark from spreadsheet exports removed, names trimmed). */
export function parseHeader(text: string): string[] {
  const { fields } = parseRecord(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return fields.map((f) => f.trim());
}
