// Rate limiting per caller (each API key, each signed-in user) with rate-limiter-flexible's in-memory limiter: a
// budget of N requests per rolling minute per key. Each web replica limits on its own; with several replicas the
// same library's RateLimiterPostgres could share the budget, at the price of a round trip on every request.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export class RateLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Takes one request from `key`'s budget; resolves 0 when allowed, otherwise the whole seconds to wait. */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key, 1);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  }
}
