// Property tests (fast-check): the engine against a naive per-row reference, row-order invariance (points and,
// by design, CIs too), parity on duplicated data, and the bootstrap's seeding and coverage of its own point.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from './audit';
import type { AuditInput, AuditResult } from './audit';

const RUNS = { numRuns: 60, seed: 4242 };

interface Row {
  y: number;
  p: number;
  s: number;
  a: string;
  b: string;
}
// Scores on a coarse grid: lots of ties, including ties between classes.
const row = fc.record({
  y: fc.integer({ min: 0, max: 1 }),
  p: fc.integer({ min: 0, max: 1 }),
  s: fc.integer({ min: 0, max: 10 }).map((v) => v / 10),
  a: fc.constantFrom('a1', 'a2', 'a3'),
  b: fc.constantFrom('b1', 'b2'),
});
const rows = fc.array(row, { minLength: 1, maxLength: 120, size: 'medium' });

const input = (rs: Row[], extra: Partial<AuditInput> = {}): AuditInput => ({
  yTrue: rs.map((r) => r.y),
  yPred: rs.map((r) => r.p),
  yScore: rs.map((r) => r.s),
  sensitive: { a: rs.map((r) => r.a), b: rs.map((r) => r.b) },
  intersections: [['a', 'b']],
  minGroupSize: 5,
  ...extra,
});

/** Naive reference: filter the rows of a group, count, and compare every positive with every negative. */
function naive(rs: Row[]) {
  let tp = 0, fp = 0, tn = 0, fn = 0, u = 0; // prettier-ignore
  for (const r of rs) {
    if (r.y && r.p) tp++;
    else if (r.y) fn++;
    else if (r.p) fp++;
    else tn++;
    if (r.y) for (const q of rs) if (!q.y) u += r.s > q.s ? 1 : r.s === q.s ? 0.5 : 0;
  }
  const P = tp + fn;
  const N = fp + tn;
  return { confusion: { tp, fp, tn, fn }, auc: P && N ? u / (P * N) : null };
}

describe('agrees with a naive per-row computation', () => {
  it('confusion counts and exact AUC (ties = ½) for every group', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const r = audit(input(rs));
        const keyOf: Record<string, (x: Row) => string> = { a: (x) => x.a, b: (x) => x.b, 'a&b': (x) => `${x.a}&${x.b}` };
        for (const [key, f] of Object.entries(keyOf)) {
          const labels = [...new Set(rs.map(f))].sort();
          expect(Object.keys(r.by_group[key])).toEqual(labels);
          for (const l of labels) {
            const ref = naive(rs.filter((x) => f(x) === l));
            expect(r.by_group[key][l].confusion).toEqual(ref.confusion);
            expect(r.by_group[key][l].auc).toBe(ref.auc);
          }
        }
        expect(r.overall.auc).toBe(naive(rs).auc);
      }),
      RUNS,
    );
  });
});

describe('row order never matters', () => {
  it('a permutation gives the identical result, CIs included (cells are canonical, scores summed in score order)', () => {
    const withPerm = rows.chain((rs) => fc.tuple(fc.constant(rs), fc.array(fc.double({ noNaN: true }), { minLength: rs.length, maxLength: rs.length })));
    fc.assert(
      fc.property(withPerm, fc.integer(), ([rs, keys], seed) => {
        const perm = rs.map((x, i) => [keys[i], x] as const).sort((p, q) => p[0] - q[0]).map(([, x]) => x);
        const boot = { bootstrap: { n: 30, seed } };
        expect(audit(input(perm, boot))).toEqual(audit(input(rs, boot)));
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});

/** Every difference is 0 and every ratio 1 (or null when undefined). */
function expectParity(values: Record<string, unknown>, path: string): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === null || typeof v === 'string') continue;
    if (typeof v === 'object') expectParity(v as Record<string, unknown>, `${path}.${k}`);
    else if (typeof v === 'number' && /difference/.test(`${path}.${k}`)) expect(Math.abs(v), `${path}.${k}`).toBeLessThan(1e-12);
    else if (typeof v === 'number' && /ratio/.test(`${path}.${k}`)) expect(Math.abs(v - 1), `${path}.${k}`).toBeLessThan(1e-12);
  }
}

describe('identical groups', () => {
  it('the same data under two labels: every difference 0, every ratio 1', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const twice = [...rs.map((x) => ({ ...x, a: 'A' })), ...rs.map((x) => ({ ...x, a: 'B' }))];
        const r = audit({ ...input(twice), sensitive: { dup: twice.map((x) => x.a) }, intersections: [] });
        const d = r.disparities.dup;
        expectParity({ difference: d.demographic_parity_difference, eo: d.equalized_odds_difference, eom: d.equalized_odds_difference_mean, eopp: d.equal_opportunity_difference }, 'difference');
        expectParity({ ratio: d.demographic_parity_ratio, eo: d.equalized_odds_ratio, eom: d.equalized_odds_ratio_mean, eopp: d.equal_opportunity_ratio }, 'ratio');
        expectParity(d.to_overall, 'to_overall');
        for (const [m, b] of Object.entries(d.between_groups)) expectParity({ difference: b!.difference, ratio: b!.ratio }, m);
        expectParity(d.vs_reference.differences, 'vs_reference.differences');
        expectParity(d.vs_reference.ratios, 'vs_reference.ratios');
        expect(r.by_group.dup.A).toEqual(r.by_group.dup.B);
      }),
      RUNS,
    );
  });
});

describe('bootstrap', () => {
  /** n rows in `groups` groups with their own rates in [0.2, 0.8]; scores correlated with the label. */
  const big = fc.record({
    seed: fc.integer(),
    rates: fc.array(fc.tuple(fc.double({ min: 0.2, max: 0.8, noNaN: true }), fc.double({ min: 0.2, max: 0.8, noNaN: true })), { minLength: 2, maxLength: 3 }),
  });
  const bigInput = (rates: [number, number][], seed: number): AuditInput => {
    const n = 400 * rates.length;
    const yTrue = new Uint8Array(n);
    const yPred = new Uint8Array(n);
    const yScore = new Float64Array(n);
    const g: string[] = [];
    let h = seed >>> 0;
    const u = () => ((h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
    for (let i = 0; i < n; i++) {
      const [base, sel] = rates[i % rates.length];
      yTrue[i] = u() < base ? 1 : 0;
      yPred[i] = u() < sel ? 1 : 0;
      yScore[i] = Math.min(1, Math.max(0, 0.3 * yTrue[i] + 0.7 * u()));
      g.push(`g${i % rates.length}`);
    }
    return { yTrue, yPred, yScore, sensitive: { g } };
  };

  it('every group-level CI contains its point estimate (groups of 400 rows, moderate rates)', () => {
    fc.assert(
      fc.property(big, ({ seed, rates }) => {
        const r = audit({ ...bigInput(rates, seed), bootstrap: { n: 200, seed } });
        const check = (point: object, ci: Record<string, [number, number] | null | undefined>) => {
          for (const [m, v] of Object.entries(point)) {
            if (typeof v !== 'number' || m === 'count') continue;
            const [lo, hi] = ci[m]!;
            expect(lo, m).toBeLessThanOrEqual(v + 1e-12);
            expect(hi, m).toBeGreaterThanOrEqual(v - 1e-12);
          }
        };
        check(r.overall, r.ci!.overall);
        for (const [l, gr] of Object.entries(r.by_group.g)) check(gr, r.ci!.by_group.g[l]);
      }),
      { ...RUNS, numRuns: 8 },
    );
  });

  it('same seed → same CIs; another seed → different CIs', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 40, maxLength: 120 }), fc.integer(), (rs, seed) => {
        const ci = (s: number): AuditResult['ci'] => audit(input(rs, { bootstrap: { n: 50, seed: s } })).ci;
        const a = ci(seed);
        expect(ci(seed)).toEqual(a);
        const b = ci(seed + 1)!;
        expect(JSON.stringify(b.by_group)).not.toBe(JSON.stringify(a!.by_group));
      }),
      { ...RUNS, numRuns: 20 },
    );
  });
});
