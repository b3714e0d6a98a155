/**
 * Rate limits per API token: token buckets refilled continuously, one for requests and one for
 * records, so a runaway ERP loop slows down with a clear `RATE_LIMITED` (and `Retry-After`) instead of
 * crowding out everyone else. In memory, per process.
 */
import { SuyuanError } from '@suyuan/core';

export interface RateLimit {
  /** Bucket size: the most that may be spent at once. */
  readonly burst: number;
  /** Refill per second. */
  readonly perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly what: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends `cost` from `key`'s bucket, or throws `RATE_LIMITED` (the seconds to wait in `details.received`). */
  take(key: string, cost = 1): void {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (cost > this.limit.burst) {
      throw new SuyuanError('RATE_LIMITED', `At most ${this.limit.burst} ${this.what} at once for one token.`, { expected: `at most ${this.limit.burst}` });
    }
    if (bucket.tokens < cost) {
      const retryAfter = Math.ceil((cost - bucket.tokens) / this.limit.perSecond);
      throw new SuyuanError('RATE_LIMITED', `Too many ${this.what} for this token: ${this.limit.perSecond} a second on average, ${this.limit.burst} at once. Retry after ${retryAfter} s.`, {
        expected: `${this.limit.perSecond} ${this.what} a second`,
        received: String(retryAfter),
      });
    }
    bucket.tokens -= cost;
  }
}
