/** Clock and sleep, injectable so tests run in virtual time. */
export interface RateClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: RateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: `ratePerSec` tokens per second, at most `burst` saved up (default one second's
 * worth). `take(n)` may ask for more than the bucket holds (a batch larger than the burst): the
 * bucket goes into debt and the caller waits until the debt is repaid, so the long-run rate holds
 * for any batch size and a large batch is never refused.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;

  constructor(
    private readonly ratePerSec: number,
    burst?: number,
    private readonly clock: RateClock = systemClock,
  ) {
    if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) throw new RangeError('rate must be a positive number');
    this.burst = Math.max(1, burst ?? ratePerSec);
    this.tokens = this.burst;
    this.last = clock.now();
  }

  /** Resolves when `n` tokens have been granted; returns the milliseconds waited. */
  async take(n = 1): Promise<number> {
    if (!(n >= 0)) throw new RangeError('token count must be >= 0');
    this.refill();
    this.tokens -= n;
    if (this.tokens >= 0) return 0;
    const waitMs = Math.ceil((-this.tokens / this.ratePerSec) * 1000);
    await this.clock.sleep(waitMs);
    this.refill();
    return waitMs;
  }

  /** Tokens available now (negative while in debt). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSec);
  }
}

/** Parses `--rate 200`, `200/s`, `12000/m`; undefined means unlimited. */
export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\/(s|m|h))?$/.exec(value.trim());
  if (!m) throw new RangeError(`rate "${value}" is not N, N/s, N/m or N/h`);
  const per = { s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 's' | 'm' | 'h'];
  const rate = Number(m[1]) / per;
  if (!(rate > 0)) throw new RangeError('rate must be > 0');
  return rate;
}
