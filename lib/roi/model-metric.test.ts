// The EMP the training pipeline logs: emp() with CLV = 12 × the monthly charge, d = $10, f = $1, Beta(6, 14).
import { describe, expect, it } from 'vitest';
import { emp } from './emp';
import { churnEmp } from './model-metric';

describe('churnEmp', () => {
  const scores = [0.9, 0.7, 0.4, 0.2, 0.1];
  const labels = [1, 0, 1, 0, 0];
  const charges = [15, 12.5, 20, 9.99, 30];
  it('is emp() at StreamFlow’s economics', () => {
    const expected = emp({ scores, labels, clv: charges.map((c) => 12 * c), offerCost: 10, contactCost: 1, alpha: 6, beta: 14 }).emp;
    expect(churnEmp(scores, labels, charges)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });
  it('is null when a customer has no monthly charge to be valued by', () => {
    expect(churnEmp(scores, labels, [15, null, 20, 9.99, 30])).toBeNull();
  });
});
