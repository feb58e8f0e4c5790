// The byte-level pieces of batch uploads: RFC 4180 record splitting with line numbers, field parsing, the streaming
// multipart reader and the upload counter — each fed in arbitrary pieces, as a network delivers them.
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChunks } from './chunk-reader';
import { parseHeader, parseRecord, splitRecords } from './csv-records';
import { CsvIngest } from './ingest';
import { streamMultipartFile } from './multipart';
import { cellValue } from './score-chunk';

function split(text: string, final = true) {
  const buf = Buffer.from(text);
  const out: { text: string; line: number }[] = [];
  const state = splitRecords(buf, { pos: 0, line: 1 }, final, (s, e, line) => void out.push({ text: buf.toString('utf8', s, e), line }));
  return { out, state };
}

async function* pieces(bytes: Buffer, sizes: number[]) {
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]!);
    yield new Uint8Array(bytes.subarray(i, i + n));
    i += n;
  }
}

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-batch-parse-')), 'f.csv');

describe('CSV records', () => {
  it('splits on line breaks outside quotes, skips blank lines and numbers records by the line they start on', () => {
    const { out } = split('a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"""\n3,z');
    expect(out).toEqual([
      { text: 'a,b', line: 1 },
      { text: '1,"x\r\ny"', line: 2 },
      { text: '2,"say ""hi"""', line: 5 },
      { text: '3,z', line: 6 },
    ]);
    expect(parseRecord('1,"x\r\ny"').fields).toEqual(['1', 'x\r\ny']);
    expect(parseRecord('2,"say ""hi""",,').fields).toEqual(['2', 'say "hi"', '', '']);
    expect(parseRecord('"open,1').error).toMatch(/never closed/);
    expect(parseRecord('"a"b,1').error).toMatch(/after a closing quote/);
    expect(parseHeader('\uFEFFcustomer_id, plan ')).toEqual(['customer_id', 'plan']);
  });

  it('keeps an unfinished last record for the next piece unless the input is final', () => {
    const { out, state } = split('a\n"b\nc', false);
    expect(out.map((o) => o.text)).toEqual(['a']);
    expect(state).toMatchObject({ pos: 2, line: 2 });
  });

  it('types cells by feature: empty is missing, numbers and booleans parsed, anything else left to fail validation', () => {
    const num = { name: 'x', type: 'numeric', nullable: true } as const;
    expect([cellValue(num, ''), cellValue(num, ' 3.5 '), cellValue(num, '-1e3'), cellValue(num, '0x10'), cellValue(num, 'abc')]).toEqual([null, 3.5, -1000, '0x10', 'abc']);
    const bool = { name: 'b', type: 'boolean', nullable: false } as const;
    expect([cellValue(bool, 'TRUE'), cellValue(bool, 'false'), cellValue(bool, '1'), cellValue(bool, 'yes')]).toEqual([true, false, true, 'yes']);
  });

  it('reads a file in chunks of whole records, with the offsets and lines a checkpoint needs', async () => {
    const file = tmp();
    fs.writeFileSync(file, 'h\n1\n"2\n2"\n\n3\n4\n5');
    const fh = await open(file, 'r');
    const chunks = [];
    for await (const c of readChunks(fh, { offset: 2, line: 2 }, 2)) chunks.push({ text: c.bytes.toString(), rows: c.rows, startLine: c.startLine, endOffset: c.endOffset, endLine: c.endLine });
    await fh.close();
    expect(chunks).toEqual([
      { text: '1\n"2\n2"\n\n', rows: 2, startLine: 2, endOffset: 11, endLine: 6 }, // a blank line goes with the chunk before it
      { text: '3\n4\n', rows: 2, startLine: 6, endOffset: 15, endLine: 8 },
      { text: '5', rows: 1, startLine: 8, endOffset: 16, endLine: 9 },
    ]);
  });
});

describe('uploads arriving in pieces', () => {
  const csv = 'customer_id,x\r\nc1,1\r\n"c,2","2\r\n"\r\n\r\nc3,3\r\n';

  it('counts the same rows and writes the same bytes however the upload is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        const file = tmp();
        const fh = await open(file, 'w');
        const headers: string[][] = [];
        const ingest = new CsvIngest(fh, { maxBytes: 1e6, maxRows: 10 }, (c) => void headers.push(c));
        for await (const p of pieces(Buffer.from(csv), sizes)) await ingest.write(Buffer.from(p));
        const r = await ingest.end();
        await fh.close();
        expect(r).toEqual({ rows: 3, bytes: Buffer.byteLength(csv), columns: ['customer_id', 'x'] });
        expect(headers).toEqual([['customer_id', 'x']]);
        expect(fs.readFileSync(file, 'utf8')).toBe(csv);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses too many rows and too many bytes as they arrive', async () => {
    const fh = await open(tmp(), 'w');
    const rows = new CsvIngest(fh, { maxBytes: 1e6, maxRows: 2 }, () => {});
    await expect(rows.write(Buffer.from(csv))).rejects.toMatchObject({ status: 413, message: /more than 2 rows/ });
    const bytes = new CsvIngest(fh, { maxBytes: 10, maxRows: 10 }, () => {});
    await expect(bytes.write(Buffer.from(csv))).rejects.toMatchObject({ status: 413, message: /BATCH_MAX_UPLOAD_BYTES/ });
    await fh.close();
  });

  it('extracts the file field of a multipart body cut anywhere, skipping other fields', async () => {
    const boundary = 'xYzBoundary';
    const body = Buffer.from(
      `preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
        const got: Buffer[] = [];
        const part = await streamMultipartFile(pieces(body, sizes), boundary, 'file', async (c) => void got.push(Buffer.from(c)));
        expect(part).toEqual({ fileName: 'c.csv', contentType: 'text/csv' });
        expect(Buffer.concat(got).toString()).toBe(csv);
      }),
      { numRuns: 60 },
    );
    expect(await streamMultipartFile(pieces(body, [50]), boundary, 'missing', async () => {})).toBeNull();
    await expect(streamMultipartFile(pieces(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc`), [5]), boundary, 'file', async () => {})).rejects.toThrow(/ended inside a part/);
  });
});
