import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FEATURES } from './features';
import { generateWorld, resolveWorldOptions } from './generator';
import type { GeneratedSnapshot, World } from './generator';

const SMALL = { activeCustomers: 3000 } as const;

function hashWorld(world: World): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(world.customers));
  h.update(JSON.stringify(world.events));
  for (const row of world.snapshots()) h.update(JSON.stringify(row));
  return h.digest('hex');
}

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

const world = generateWorld(SMALL);
const rows: GeneratedSnapshot[] = [...world.snapshots()];

describe('generateWorld options', () => {
  it('fills in the documented defaults', () => {
    expect(resolveWorldOptions()).toEqual({ seed: 42, activeCustomers: 20000, startMonth: '2025-01', months: 22 });
    expect(world.options).toEqual({ seed: 42, activeCustomers: 3000, startMonth: '2025-01', months: 22 });
    expect(world.months[0]).toBe('2025-01-01');
    expect(world.months.at(-1)).toBe('2026-10-01');
    expect(world.months).toHaveLength(22);
  });

  it('rejects invalid options', () => {
    expect(() => generateWorld({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generateWorld({ activeCustomers: 0 })).toThrow(/activeCustomers/);
    expect(() => generateWorld({ months: 0 })).toThrow(/months/);
    expect(() => generateWorld({ startMonth: '2025-13' })).toThrow(/month/);
    expect(() => generateWorld({ startMonth: 'Jan 2025' })).toThrow(/month/);
  });
});

describe('determinism', () => {
  it('produces byte-identical worlds for the same options and re-iterable snapshots', () => {
    const again = generateWorld(SMALL);
    const h = hashWorld(world);
    expect(hashWorld(again)).toBe(h);
    expect(hashWorld(world)).toBe(h); // a second pass over the same world
  });

  it('extends a shorter window without changing it (only the last month\'s labels become known)', () => {
    const short = generateWorld({ activeCustomers: 500, months: 6 });
    const long = generateWorld({ activeCustomers: 500, months: 10 });
    const shortRows = [...short.snapshots()];
    const longRows = [...long.snapshots()].slice(0, shortRows.length);
    const lastMonth = short.months.at(-1);
    expect(shortRows.filter((r) => r.month !== lastMonth)).toEqual(longRows.filter((r) => r.month !== lastMonth));
    const unlabel = (r: GeneratedSnapshot) => ({ ...r, churned: null });
    expect(shortRows.filter((r) => r.month === lastMonth)).toEqual(
      longRows.filter((r) => r.month === lastMonth).map(unlabel),
    );
    expect(long.customers.slice(0, short.customers.length)).toEqual(short.customers);
  });

  it('produces different data for a different seed', () => {
    const other = generateWorld({ ...SMALL, seed: 43 });
    expect(hashWorld(other)).not.toBe(hashWorld(world));
    const a = rows.slice(0, 200).map((r) => r.sessions_30d);
    const b = [...other.snapshots()].slice(0, 200).map((r) => r.sessions_30d);
    expect(b).not.toEqual(a);
  });
});

describe('population', () => {
  it('has exactly activeCustomers in the first month and grows slowly', () => {
    const counts = world.months.map((m) => rows.filter((r) => r.month === m).length);
    expect(counts[0]).toBe(3000);
    for (const c of counts) {
      expect(c).toBeGreaterThan(3000 * 0.97);
      expect(c).toBeLessThan(3000 * 1.25);
    }
    expect(counts.at(-1)!).toBeGreaterThan(counts[0]);
    expect(world.snapshotCount).toBe(rows.length);
  });

  it('lists exactly the customers that appear in snapshots, with well-formed unique ids', () => {
    const ids = world.customers.map((c) => c.customer_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^C\d{7}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(rows.map((r) => r.customer_id))).toEqual(new Set(ids));
  });

  it('has a realistic tenure mix at the start: many new customers and a tail to ~6 years', () => {
    const tenures = rows.filter((r) => r.month === world.months[0]).map((r) => r.tenure_months);
    const share = (p: (t: number) => boolean) => tenures.filter(p).length / tenures.length;
    expect(share((t) => t < 6)).toBeGreaterThan(0.12);
    expect(share((t) => t >= 36)).toBeGreaterThan(0.1);
    expect(Math.max(...tenures)).toBeLessThanOrEqual(72);
    expect(Math.max(...tenures)).toBeGreaterThanOrEqual(60);
  });
});

describe('values', () => {
  it('keeps every feature inside its FEATURES range, category list, type and nullability', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const record = row as unknown as Record<string, unknown>;
      for (const f of FEATURES) {
        const v = record[f.name];
        if (v === null) {
          if (!f.nullable) problems.push(`${f.name} null`);
          continue;
        }
        if (f.type === 'numeric') {
          const [lo, hi] = f.range!;
          if (typeof v !== 'number' || !(v >= lo && v <= hi)) problems.push(`${f.name}=${String(v)}`);
          else if (f.integer && !Number.isInteger(v)) problems.push(`${f.name}=${v} not integer`);
        } else if (f.type === 'categorical') {
          if (!f.categories!.includes(v as string)) problems.push(`${f.name}=${String(v)}`);
        } else if (typeof v !== 'boolean') problems.push(`${f.name}=${String(v)}`);
      }
      if (problems.length > 10) break;
    }
    expect(problems).toEqual([]);
  });

  it('rounds values the way they are published', () => {
    const roundedTo = (v: number | null, decimals: number) =>
      v === null || Math.round(v * 10 ** decimals) / 10 ** decimals === v;
    const bad = rows.filter(
      (r) =>
        !roundedTo(r.monthly_charge, 2) ||
        !roundedTo(r.watch_hours_30d, 1) ||
        !roundedTo(r.avg_rating_given, 2) ||
        !roundedTo(r.content_diversity, 3) ||
        !roundedTo(r.completion_rate, 3) ||
        !(r.p_true > 0 && r.p_true < 1),
    );
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('has rare natural nulls and ~10% never-raters', () => {
    const inMonth = rows.filter((r) => r.month === '2025-05-01');
    const watchNull = inMonth.filter((r) => r.watch_hours_30d === null).length / inMonth.length;
    const ratingNull = inMonth.filter((r) => r.avg_rating_given === null).length / inMonth.length;
    expect(watchNull).toBeLessThan(0.01);
    expect(ratingNull).toBeGreaterThan(0.06);
    expect(ratingNull).toBeLessThan(0.14);
  });

  it('has sensible marginals: ~35% annual, a plan mix and a monthly churn of 3-8%', () => {
    const annual = rows.filter((r) => r.contract === 'annual').length / rows.length;
    expect(annual).toBeGreaterThan(0.28);
    expect(annual).toBeLessThan(0.42);
    for (const plan of ['basic', 'standard', 'premium'] as const) {
      expect(rows.filter((r) => r.plan === plan).length / rows.length).toBeGreaterThan(0.12);
    }
    for (const m of world.months.slice(0, -1)) {
      const xs = rows.filter((r) => r.month === m);
      const rate = xs.filter((r) => r.churned).length / xs.length;
      expect(rate).toBeGreaterThan(0.03);
      expect(rate).toBeLessThan(0.08);
    }
  });
});

describe('lifecycle', () => {
  const byCustomer = new Map<string, GeneratedSnapshot[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer_id);
    if (list) list.push(r);
    else byCustomer.set(r.customer_id, [r]);
  }
  const signup = new Map(world.customers.map((c) => [c.customer_id, c.signup_month]));
  const first = monthIndex(world.months[0]);
  const last = monthIndex(world.months.at(-1)!);

  it('orders rows by month, then customer', () => {
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      const ordered = a.month < b.month || (a.month === b.month && a.customer_id < b.customer_id);
      if (!ordered) throw new Error(`rows ${i - 1} and ${i} out of order`);
    }
  });

  it('has consecutive months, tenure +1 per month, tenure consistent with signup_month', () => {
    const problems: string[] = [];
    for (const [id, list] of byCustomer) {
      const signupIndex = monthIndex(signup.get(id)!);
      for (let i = 0; i < list.length; i++) {
        const m = monthIndex(list[i].month);
        if (list[i].tenure_months !== m - signupIndex) problems.push(`${id} ${list[i].month} tenure`);
        if (i > 0 && m - monthIndex(list[i - 1].month) !== 1) problems.push(`${id} ${list[i].month} gap`);
        if (i > 0 && list[i].tenure_months - list[i - 1].tenure_months !== 1) problems.push(`${id} tenure step`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('starts new sign-ups at tenure 0 in their sign-up month', () => {
    let newcomers = 0;
    for (const list of byCustomer.values()) {
      if (monthIndex(list[0].month) === first) continue;
      newcomers++;
      expect(list[0].tenure_months).toBe(0);
    }
    expect(newcomers).toBeGreaterThan(3000 * 0.03 * 20);
  });

  it('drops a customer after their churned month and only then', () => {
    const problems: string[] = [];
    for (const [id, list] of byCustomer) {
      if (list.slice(0, -1).some((r) => r.churned !== false)) problems.push(`${id} active after a churn`);
      const end = list[list.length - 1];
      const expected = monthIndex(end.month) === last ? null : true;
      if (end.churned !== expected) problems.push(`${id} left in ${end.month} with churned=${String(end.churned)}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('publishes labels for every month but the last', () => {
    const lastMonth = world.months.at(-1);
    const wrong = rows.filter((r) => (r.month === lastMonth ? r.churned !== null : typeof r.churned !== 'boolean'));
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(rows.filter((r) => r.month === lastMonth).length).toBeGreaterThan(3000);
  });

  it('correlates a customer’s months (persistent habits, not i.i.d. draws)', () => {
    const a: number[] = [];
    const b: number[] = [];
    for (const list of byCustomer.values()) {
      for (let i = 1; i < list.length; i++) {
        a.push(Math.log1p(list[i - 1].sessions_30d));
        b.push(Math.log1p(list[i].sessions_30d));
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ma = mean(a);
    const mb = mean(b);
    let cov = 0;
    let va = 0;
    let vb = 0;
    for (let i = 0; i < a.length; i++) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
    const corr = cov / Math.sqrt(va * vb);
    expect(corr).toBeGreaterThan(0.6);
    expect(corr).toBeLessThan(0.98);
  });
});
