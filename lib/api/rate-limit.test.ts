import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows the burst, refuses the next, and refills over time', () => {
    let now = 0;
    const rl = new RateLimiter(60, () => now); // one per second
    for (let i = 0; i < 60; i++) expect(rl.take('k')).toBe(0);
    expect(rl.take('k')).toBe(1);
    expect(rl.take('other')).toBe(0); // buckets are per caller
    now += 1000;
    expect(rl.take('k')).toBe(0);
    expect(rl.take('k')).toBeGreaterThan(0);
  });
});
