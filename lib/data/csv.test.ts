import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_EOL, SNAPSHOT_EXPORT_COLUMNS, csvField, csvLine, customersToCsv, snapshotCsvLine, toCsv } from './csv';
import { parseExportArgs, runExport } from './export-cli';
import { FEATURE_NAMES } from './features';
import { generateWorld } from './generator';

/** Minimal RFC 4180 parser, only to check what the writer produces round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('missing final line break');
  return rows;
}

describe('csvField', () => {
  it('writes null and undefined as empty fields and booleans as words', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(0)).toBe('0');
    expect(csvField(15.99)).toBe('15.99');
  });

  it('quotes only when RFC 4180 requires it and doubles embedded quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
  });

  it('refuses non-finite numbers instead of writing NaN', () => {
    expect(() => csvField(Number.NaN)).toThrow();
    expect(() => csvField(Infinity)).toThrow();
  });
});

describe('csv documents', () => {
  it('round-trips awkward values through a CSV parser', () => {
    const values = [['a,b', 'x"y', null, 'multi\r\nline', true, 3.5]];
    const text = toCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], values);
    expect(text.endsWith(CSV_EOL)).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
      ['a,b', 'x"y', '', 'multi\r\nline', 'true', '3.5'],
    ]);
    expect(csvLine([])).toBe(CSV_EOL);
  });

  it('writes customers and snapshots with one field per column and nulls as empty fields', () => {
    const world = generateWorld({ activeCustomers: 300, months: 4 });
    const customers = parseCsv(customersToCsv(world.customers));
    expect(customers[0]).toEqual(['customer_id', 'signup_month', 'age_band', 'gender', 'region']);
    expect(customers).toHaveLength(world.customers.length + 1);

    expect(SNAPSHOT_EXPORT_COLUMNS).not.toContain('p_true');
    expect(SNAPSHOT_EXPORT_COLUMNS.slice(2, 2 + FEATURE_NAMES.length)).toEqual(FEATURE_NAMES);
    const byId = new Map(world.customers.map((c) => [c.customer_id, c]));
    const snapshots = [...world.snapshots()];
    const lastMonth = snapshots.filter((s) => s.month === world.months.at(-1));
    const sample = [...snapshots.slice(0, 50), lastMonth[0]];
    const rows = parseCsv(sample.map((s) => snapshotCsvLine(s, byId.get(s.customer_id)!)).join(''));
    const col = (name: string) => SNAPSHOT_EXPORT_COLUMNS.indexOf(name);
    rows.forEach((row, i) => {
      const s = sample[i];
      expect(row).toHaveLength(SNAPSHOT_EXPORT_COLUMNS.length);
      expect(row[col('customer_id')]).toBe(s.customer_id);
      expect(row[col('monthly_charge')]).toBe(String(s.monthly_charge));
      expect(row[col('watch_hours_30d')]).toBe(s.watch_hours_30d === null ? '' : String(s.watch_hours_30d));
      expect(row[col('avg_rating_given')]).toBe(s.avg_rating_given === null ? '' : String(s.avg_rating_given));
      expect(row[col('age_band')]).toBe(byId.get(s.customer_id)!.age_band);
    });
    expect(rows.at(-1)![col('churned')]).toBe(''); // labels of the last month are unknown
    expect(rows.some((row) => row[col('avg_rating_given')] === '')).toBe(true);
  });
});

describe('export CLI', () => {
  it('parses and validates its flags', () => {
    expect(parseExportArgs([]).world).toEqual({ seed: 42, activeCustomers: 20000, months: 22, startMonth: '2025-01' });
    const args = parseExportArgs(['--out', 'x', '--seed', '7', '--customers', '500', '--months', '3', '--start', '2025-06']);
    expect(args).toEqual({ out: 'x', world: { seed: 7, activeCustomers: 500, months: 3, startMonth: '2025-06' } });
    expect(() => parseExportArgs(['--customers', 'abc'])).toThrow(/--customers must be an integer/);
    expect(() => parseExportArgs(['--customers', '0'])).toThrow(/--customers must be in/);
    expect(() => parseExportArgs(['--months', '2.5'])).toThrow(/--months/);
    expect(() => parseExportArgs(['--start', '2025-13'])).toThrow(/--start/);
    expect(() => parseExportArgs(['--seed'])).toThrow(/needs a value/);
    expect(() => parseExportArgs(['--nope', '1'])).toThrow(/unknown option/);
  });

  it('streams customers.csv and snapshots.csv to disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'streamflow-export-'));
    try {
      const args = parseExportArgs(['--out', dir, '--customers', '400', '--months', '5', '--seed', '3']);
      const result = await runExport(args);
      const world = generateWorld(args.world);
      expect(result.customerRows).toBe(world.customers.length);
      expect(result.snapshotRows).toBe(world.snapshotCount);
      const customers = parseCsv(await readFile(result.customersFile, 'utf8'));
      const snapshots = parseCsv(await readFile(result.snapshotsFile, 'utf8'));
      expect(customers).toHaveLength(world.customers.length + 1);
      expect(snapshots).toHaveLength(world.snapshotCount + 1);
      expect(snapshots[0]).toEqual(SNAPSHOT_EXPORT_COLUMNS);
      expect(snapshots[1][0]).toBe(world.customers[0].customer_id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
