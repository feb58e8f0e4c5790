import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, logLoss } from './metrics';

describe('classification metrics', () => {
  it('match hand-computed values', () => {
    const p = [0.9, 0.8, 0.3, 0.1];
    const y = [1, 0, 1, 0];
    expect(logLoss(p, y)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.3) + Math.log(0.9)) / 4, 12);
    expect(brier(p, y)).toBeCloseTo((0.01 + 0.64 + 0.49 + 0.01) / 4, 12);
    // ranks: 0.9(+) P=1 R=.5; 0.8(-); 0.3(+) P=2/3 R=1 → AP = .5·1 + .5·2/3 (scikit-learn's average_precision_score)
    expect(averagePrecision(p, y)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
  });
  it('treats tied scores as one threshold', () => {
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBeCloseTo(0.5, 12);
  });
});
