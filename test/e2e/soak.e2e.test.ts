import { runSoak } from '../bench/soak';

/**
 * The CI-sized soak (issue 9): steady load for SOAK_SECONDS (default 60 s here; `npm run soak`
 * runs the 30-minute one), RSS and lag sampled every 10 s. Memory must be flat and lag bounded.
 */
describe('soak', () => {
  it('keeps worker memory flat and consumer lag bounded under steady load', async () => {
    const seconds = Number(process.env.SOAK_SECONDS ?? 60);
    const rate = Number(process.env.SOAK_RATE ?? 300);
    const r = await runSoak({ seconds, rate, sampleSec: 10, log: (s) => process.stdout.write(`  soak ${s}\n`) });
    expect(r.samples.length).toBeGreaterThanOrEqual(Math.floor(seconds / 10) - 1);
    expect(r.rssGrowth).toBeLessThan(1.25);
    // Bounded: never more than ~20 s of input behind, and fully drained at the end.
    expect(r.maxLag).toBeLessThan(rate * 20);
    expect(r.finalLag).toBe(0);
  });
});
