import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  afterEach(() => vi.useRealTimers());

  it('allows the budget, refuses the next with the wait in seconds, keeps callers apart, and refills after the minute', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const rl = new RateLimiter(60);
    for (let i = 0; i < 60; i++) expect(await rl.take('k')).toBe(0);
    const wait = await rl.take('k');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await rl.take('other')).toBe(0); // budgets are per caller
    vi.setSystemTime(1_000_000 + 61_000);
    expect(await rl.take('k')).toBe(0);
  });
});
