// The tornado on the hand-worked campaign of evaluate.test.ts (CLV $200, d = $10, f = $1, γ = 0.3; scores 0.5, 0.2,
// 0.1, 0.05): every row re-optimised by hand, sorted by swing.
import { describe, expect, it } from 'vitest';
import { betaIncInv } from './beta';
import { DEFAULT_ROI_INPUTS, type RoiInputs } from './inputs';
import { prepareScores } from './prepare';
import { sensitivity } from './sensitivity';

const FLAT: RoiInputs = { ...DEFAULT_ROI_INPUTS, clv: { kind: 'flat', value: 200 } };
const prepared = prepareScores([0.5, 0.2, 0.1, 0.05]);

/** The best campaign by hand: Σ of the positive E(p) = p·γ·(CLV − d) − (1 − p)·d − f over the sorted scores. */
function best(clv: number, d: number, f: number, g: number, A = 0): number {
  let sum = 0;
  let top = 0;
  for (const p of [0.5, 0.2, 0.1, 0.05]) {
    sum += p * g * (clv - d) - (1 - p) * d - f;
    top = Math.max(top, sum - A);
  }
  return top;
}

describe('sensitivity', () => {
  it('re-optimises each input at its low and high value and sorts by swing', () => {
    const s = sensitivity(prepared, FLAT);
    expect(s.base_profit).toBeCloseTo(24.9, 12);
    const q05 = betaIncInv(0.05, 6, 14);
    const q95 = betaIncInv(0.95, 6, 14);
    const expected = {
      // 5%/95% of Beta(6, 14): 7.19 (top customer only) and 47.5 (top three).
      acceptance_rate: [q05, q95, best(200, 10, 1, q05), best(200, 10, 1, q95)],
      clv: [150, 250, 15, 35.4],
      offer_cost: [7.5, 12.5, 28.675, 21.125],
      contact_cost: [0.75, 1.25, 25.4, 24.4],
      fixed_cost: [0, 0, 24.9, 24.9],
    };
    expect(s.rows.map((r) => r.input)).toEqual(['acceptance_rate', 'clv', 'offer_cost', 'contact_cost', 'fixed_cost']);
    for (const r of s.rows) {
      const [low, high, pl, ph] = expected[r.input as keyof typeof expected];
      expect(r.low).toBeCloseTo(low!, 12);
      expect(r.high).toBeCloseTo(high!, 12);
      expect(r.profit_low).toBeCloseTo(pl!, 10);
      expect(r.profit_high).toBeCloseTo(ph!, 10);
      expect(r.swing).toBeCloseTo(Math.abs(ph! - pl!), 10);
    }
    expect(s.rows[0]!.range).toBe('beta_5_95');
    expect(best(150, 10, 1, 0.3)).toBeCloseTo(15, 12); // the hand numbers above are the same model
  });

  it('adds capacity when set, and a fixed cost moves the profit by its ±25%', () => {
    const s = sensitivity(prepared, { ...FLAT, capacity: 4, fixedCost: 8 });
    const cap = s.rows.find((r) => r.input === 'capacity')!;
    // 3 contacts still fit the best campaign (2); 5 cannot do better.
    expect(cap).toMatchObject({ base: 4, low: 3, high: 5, swing: 0 });
    const fixed = s.rows.find((r) => r.input === 'fixed_cost')!;
    expect(fixed.profit_low).toBeCloseTo(24.9 - 6, 12);
    expect(fixed.profit_high).toBeCloseTo(24.9 - 10, 12);
    const tight = sensitivity(prepared, { ...FLAT, capacity: 1 }).rows.find((r) => r.input === 'capacity')!;
    // 0.75 → 1 contact, 1.25 → 1 contact: the top customer either way.
    expect(tight).toMatchObject({ low: 1, high: 1, swing: 0 });
  });

  it('scales per-customer CLV by its months', () => {
    const p = prepareScores([0.4, 0.3, 0.1], { clv: [10, 30, 20] });
    const row = sensitivity(p, DEFAULT_ROI_INPUTS).rows.find((r) => r.input === 'clv')!;
    expect(row).toMatchObject({ base: 12, low: 9, high: 15, label: expect.stringMatching(/months/) });
    expect(row.profit_high).toBeGreaterThan(row.profit_low);
  });
});
