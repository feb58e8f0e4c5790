// Exports a StreamFlow world to CSV for notebooks:
//   tsx lib/data/export-cli.ts --out .data/export --seed 42 --customers 20000 --months 22 [--start 2025-01]
// Writes customers.csv and snapshots.csv (snapshots joined with age_band, gender, region; p_true is left out
// because no real dataset would have it). Rows are streamed to disk in batches, never built as one string.

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMonth } from './calendar';
import { CUSTOMER_COLUMNS, SNAPSHOT_EXPORT_COLUMNS, csvLine, customerCsvLine, snapshotCsvLine } from './csv';
import type { Customer } from './features';
import { MAX_ACTIVE_CUSTOMERS, MAX_MONTHS, generateWorld } from './generator';
import type { WorldOptions } from './generator';

export interface ExportArgs {
  out: string;
  world: Required<WorldOptions>;
}

export interface ExportResult {
  customersFile: string;
  snapshotsFile: string;
  customerRows: number;
  snapshotRows: number;
  millis: number;
}

const USAGE =
  'usage: tsx lib/data/export-cli.ts [--out DIR] [--seed INT] [--customers INT] [--months INT] [--start YYYY-MM]';

function parseInteger(flag: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw)) throw new Error(`${flag} must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`${flag} must be in ${min}..${max}, got ${raw}`);
  return n;
}

/** Parses CLI flags; throws an Error with a one-line message on anything invalid. */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const args: ExportArgs = {
    out: '.data/export',
    world: { seed: 42, activeCustomers: 20000, months: 22, startMonth: '2025-01' },
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    const raw = argv[i + 1];
    if (raw === undefined || raw.startsWith('--')) throw new Error(`${flag} needs a value (${USAGE})`);
    i++;
    switch (flag) {
      case '--out':
        args.out = raw;
        break;
      case '--seed':
        args.world.seed = parseInteger(flag, raw, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
        break;
      case '--customers':
        args.world.activeCustomers = parseInteger(flag, raw, 1, MAX_ACTIVE_CUSTOMERS);
        break;
      case '--months':
        args.world.months = parseInteger(flag, raw, 1, MAX_MONTHS);
        break;
      case '--start':
        try {
          parseMonth(raw);
        } catch {
          throw new Error(`--start must be a month like 2025-01, got "${raw}"`);
        }
        args.world.startMonth = raw;
        break;
      default:
        throw new Error(`unknown option ${flag} (${USAGE})`);
    }
  }
  return args;
}

/** Writes lines to a file in ~1 MB batches, waiting for the stream to drain so memory stays flat. */
async function writeLines(file: string, header: string, lines: Iterable<string>): Promise<number> {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  // Marked handled here; the error still surfaces through the Promise.race calls below.
  failed.catch(() => undefined);
  const write = async (chunk: string): Promise<void> => {
    if (!stream.write(chunk)) await Promise.race([new Promise<void>((r) => stream.once('drain', () => r())), failed]);
  };
  let count = 0;
  // Collecting lines and joining once gives one flat string per batch (repeated += builds deep rope strings that
  // cost a lot of GC to flatten on write).
  let batch: string[] = [header];
  let batchChars = header.length;
  for (const line of lines) {
    batch.push(line);
    batchChars += line.length;
    count++;
    if (batchChars >= 1 << 20) {
      await write(batch.join(''));
      batch = [];
      batchChars = 0;
    }
  }
  await write(batch.join(''));
  await Promise.race([new Promise<void>((r) => stream.end(r)), failed]);
  return count;
}

export async function runExport(args: ExportArgs): Promise<ExportResult> {
  const started = performance.now();
  const world = generateWorld(args.world);
  await mkdir(args.out, { recursive: true });
  const customersFile = path.join(args.out, 'customers.csv');
  const snapshotsFile = path.join(args.out, 'snapshots.csv');
  const customerRows = await writeLines(customersFile, csvLine(CUSTOMER_COLUMNS), world.customers.map(customerCsvLine));

  const byId = new Map<string, Customer>(world.customers.map((c) => [c.customer_id, c]));
  function* snapshotLines(): Generator<string> {
    for (const s of world.snapshots()) {
      const customer = byId.get(s.customer_id);
      if (!customer) throw new Error(`snapshot for unknown customer ${s.customer_id}`);
      yield snapshotCsvLine(s, customer);
    }
  }
  const snapshotRows = await writeLines(snapshotsFile, csvLine(SNAPSHOT_EXPORT_COLUMNS), snapshotLines());
  return { customersFile, snapshotsFile, customerRows, snapshotRows, millis: performance.now() - started };
}

async function main(): Promise<void> {
  let args: ExportArgs;
  try {
    args = parseExportArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`export-cli: ${(err as Error).message}`);
    process.exit(2);
  }
  const { seed, activeCustomers, months, startMonth } = args.world;
  console.log(`Generating world: seed ${seed}, ${activeCustomers} customers, ${months} months from ${startMonth}`);
  const r = await runExport(args);
  console.log(`${r.customersFile}: ${r.customerRows.toLocaleString('en-US')} customers`);
  console.log(`${r.snapshotsFile}: ${r.snapshotRows.toLocaleString('en-US')} snapshot rows`);
  console.log(`done in ${(r.millis / 1000).toFixed(1)} s`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(`export-cli: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
