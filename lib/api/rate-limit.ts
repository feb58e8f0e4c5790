// A token bucket per caller (user or API key), in memory. Each web replica limits on its own, which bounds abuse
// per replica; a shared limit would need a shared store and is not worth a round trip on every request here.
export interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token; returns 0 when allowed, otherwise the seconds until the next token. */
  take(key: string): number {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, updated: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.updated) * rate);
    b.updated = t;
    if (this.buckets.size > 10_000) this.buckets.clear(); // never grow without bound
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate / 1000);
  }
}
