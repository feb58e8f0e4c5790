// Test and benchmark input: customer rows from the seeded StreamFlow generator as a batch CSV, with deliberately
// broken rows placed at known lines. Used by *.test.ts files and the batch benchmark only.
import { csvLine } from '@/lib/data/csv';
import { FEATURE_NAMES } from '@/lib/data/features';
import { generateWorld } from '@/lib/data/generator';
import { featureRecord } from '@/lib/ml/pipeline/dataset';

export interface BatchCsv {
  text: string;
  /** Physical line (1 = header) → the record written there, for the valid rows. */
  valid: Map<number, { customerId: string; record: Record<string, unknown> }>;
  /** Physical line → the field the broken row gets wrong. */
  invalid: Map<number, string>;
}

const COLUMNS = ['customer_id', ...FEATURE_NAMES];

/** Customer rows from a world of about `rows` customers (the latest month), every `brokenEvery`-th row broken. */
export function batchCsv(rows: number, opts: { seed?: number; brokenEvery?: number; eol?: string } = {}): BatchCsv {
  const world = generateWorld({ seed: opts.seed ?? 7, activeCustomers: Math.max(50, Math.ceil(rows / 2)), months: 3 });
  const eol = opts.eol ?? '\r\n';
  const lines = [csvLine(COLUMNS).replace(/\r\n$/, eol)];
  const valid: BatchCsv['valid'] = new Map();
  const invalid: BatchCsv['invalid'] = new Map();
  let line = 1;
  let i = 0;
  const breakers: ((r: Record<string, unknown>) => [string, string])[] = [
    (r) => ((r.tenure_months = -3), ['tenure_months', '']),
    (r) => ((r.plan = 'gold'), ['plan', '']),
    (r) => ((r.monthly_charge = null), ['monthly_charge', '']),
    (r) => ((r.promo_used = 'maybe'), ['promo_used', '']),
    () => ['(record)', 'drop-field'],
  ];
  for (const s of world.snapshots()) {
    if (i === rows) break;
    const record = featureRecord(s);
    // Every 97th customer id holds a comma, a quote and a line break: the record spans two physical lines.
    const customerId = i % 97 === 5 ? `${s.customer_id}, "VIP"\nsecond line` : s.customer_id;
    const broken = opts.brokenEvery && i % opts.brokenEvery === opts.brokenEvery - 1 ? breakers[Math.floor(i / opts.brokenEvery) % breakers.length]!(record) : null;
    let values = [customerId, ...FEATURE_NAMES.map((n) => record[n] as string | number | boolean | null)];
    if (broken?.[1] === 'drop-field') values = values.slice(0, -1);
    lines.push(csvLine(values).replace(/\r\n$/, eol));
    line += 1;
    if (broken) invalid.set(line, broken[0]);
    else valid.set(line, { customerId, record });
    line += customerId.split('\n').length - 1;
    i++;
  }
  return { text: lines.join(''), valid, invalid };
}
