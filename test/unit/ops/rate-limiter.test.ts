import { parseRate, TokenBucket, type RateClock } from '../../../workers/ops/rate-limiter';

/** Virtual time: sleep advances the clock instantly, and records how long was asked for. */
function fakeClock(): RateClock & { t: number; slept: number[] } {
  const c = {
    t: 0,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('TokenBucket', () => {
  it('grants the initial burst at once, then holds the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, undefined, clock);
    for (let i = 0; i < 10; i++) expect(await bucket.take()).toBe(0);
    expect(await bucket.take()).toBe(100);
    for (let i = 0; i < 89; i++) await bucket.take();
    // 100 tokens: 10 from the burst + 90 at 10/s = 9 s of virtual time.
    expect(clock.t).toBeGreaterThanOrEqual(8_990);
    expect(clock.t).toBeLessThanOrEqual(9_010);
  });

  it('lets a batch larger than the burst through by going into debt', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5, 5, clock);
    expect(await bucket.take(25)).toBe(4_000); // 5 saved, 20 more at 5/s
    expect(bucket.available()).toBeCloseTo(0, 5);
    clock.t += 1_000;
    expect(bucket.available()).toBeCloseTo(5, 5);
  });

  it('never saves up more than the burst while idle', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(100, 20, clock);
    clock.t += 60_000;
    expect(bucket.available()).toBe(20);
    expect(await bucket.take(20)).toBe(0);
    expect(await bucket.take(10)).toBe(100);
  });

  it('refuses nonsense rates and counts', async () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN)).toThrow(RangeError);
    await expect(new TokenBucket(1).take(-1)).rejects.toThrow(RangeError);
  });
});

describe('parseRate', () => {
  it('reads N, N/s, N/m, N/h', () => {
    expect(parseRate(undefined)).toBeUndefined();
    expect(parseRate('200')).toBe(200);
    expect(parseRate('200/s')).toBe(200);
    expect(parseRate('120/m')).toBe(2);
    expect(parseRate('1.5/s')).toBe(1.5);
    expect(parseRate('3600/h')).toBe(1);
    expect(() => parseRate('fast')).toThrow(RangeError);
    expect(() => parseRate('0')).toThrow(RangeError);
  });
});
