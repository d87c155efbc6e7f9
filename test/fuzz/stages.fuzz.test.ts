import fc from 'fast-check';
import { scoreInjection } from '../../pipelines/detect/injection';
import { detectSensitive } from '../../pipelines/detect/engine';
import { Counter, expectSuiteTotalAtLeast, recordTally } from '../support/fuzz-tally';
import { detectEnvelope } from '../../pipelines/stages/detect.stage';
import { fuzzText, HOSTILE_UNITS, inputOf, restorable, restoreFrom, runStages } from '../support/fuzz-stages';
import { bestCpuMs } from '../support/cpu-time';
import { measureGrowth } from '../support/linear-time';

const RUNS = Number(process.env.FUZZ_STAGE_RUNS ?? 8_000);
const LIMIT_MS = 50;
const STAGES_LIMIT_MS = 250;

/** Best of five in CPU time: a GC pause or a busy neighbour does not fail the run, a super-linear regex still does. */
const bestOf = (fn: () => unknown): number => bestCpuMs(fn, 5);

/**
 * (b) The pure stages (detect → decide → protect) on arbitrary unicode and regex-hostile texts:
 * no crash, bounded time, and what is sanitized (allow / encrypt) restores byte for byte.
 */
describe('fuzz: pure stages on arbitrary and hostile text', () => {
  beforeAll(() => runStages('prompt', 'warm up a@b.com 4111 1111 1111 1111'));
  afterAll(() => expectSuiteTotalAtLeast(100_000));

  it.each(['prompt', 'log'] as const)('%s: arbitrary unicode never crashes, stays fast, and restores exactly', (kind) => {
    const counter = new Counter();
    fc.assert(
      fc.property(fuzzText, (text) => {
        // Detection is where hostile regex input bites: each detector < 50 ms. Decide + protect cost grows with the
        // number of findings (one HMAC and one AES-GCM seal per token), so the whole run gets 250 ms.
        let t0 = performance.now();
        detectEnvelope(inputOf(kind, text), 0);
        let detectMs = performance.now() - t0;
        if (detectMs > LIMIT_MS) {
          // Re-time an outlier per detector (best of 3), as test/unit/detect/injection/adversarial-perf does.
          detectMs = Math.max(bestOf(() => detectSensitive(text)), kind === 'prompt' ? bestOf(() => scoreInjection(text)) : 0);
          if (kind === 'log') detectMs = Math.min(detectMs, bestOf(() => detectEnvelope(inputOf(kind, text), 0)));
        }
        expect(detectMs).toBeLessThan(LIMIT_MS);
        t0 = performance.now();
        let outcome = runStages(kind, text);
        let ms = performance.now() - t0;
        if (ms > STAGES_LIMIT_MS) ms = bestOf(() => (outcome = runStages(kind, text)));
        expect(ms).toBeLessThan(STAGES_LIMIT_MS);
        const sanitized = restorable(kind, text, outcome);
        if (sanitized !== null) expect(restoreFrom(outcome, sanitized)).toBe(text);
        counter.add(sanitized === null ? `${outcome.events[0]!.decision}` : `${outcome.events[0]!.decision}+restored`, detectMs);
      }),
      { numRuns: RUNS, seed: 7, endOnFailure: true },
    );
    recordTally(counter.row(`stages:${kind} arbitrary`));
  });

  it('100 KB regex-hostile repeats: detectors and the three stages scale linearly (25 KB → 100 KB) and restore', () => {
    const counter = new Counter();
    const slow: string[] = [];
    for (const unit of HOSTILE_UNITS) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      // Growth, not a fixed budget (test/support/linear-time.ts): a fixed ms budget measures the machine.
      const det = measureGrowth(text, detectSensitive);
      const inj = measureGrowth(text, scoreInjection);
      if (det.verdict !== 'ok') slow.push(`${JSON.stringify(unit)}: detectSensitive ${det.verdict}`);
      if (inj.verdict !== 'ok') slow.push(`${JSON.stringify(unit)}: scoreInjection ${inj.verdict}`);
      for (const kind of ['prompt', 'log'] as const) {
        const outcome = runStages(kind, text);
        const sanitized = restorable(kind, text, outcome);
        if (sanitized !== null && restoreFrom(outcome, sanitized) !== text) slow.push(`${JSON.stringify(unit)}: ${kind} does not restore`);
        const stages = measureGrowth(text, (t) => runStages(kind, t));
        counter.add(kind, stages.largeMs);
        if (stages.verdict !== 'ok') slow.push(`${JSON.stringify(unit)}: ${kind} stages ${stages.verdict}`);
      }
    }
    recordTally(counter.row('stages:100KB hostile repeats'));
    expect(slow).toEqual([]);
  });
});
