import { cpuMs } from './cpu-time';

/**
 * "No detector may run away" as a property of growth, not of one machine's speed: a linear scan
 * costs ~4× when its input grows 4×, a quadratic one ~16×, catastrophic backtracking far more.
 * An absolute budget alone failed CI on a slower machine (133 ms where this one takes 9 ms), so the
 * budget is generous (a runaway regex burns seconds on 100 KB) and the growth ratio does the work.
 * Below NOISE_FLOOR_MS the ratio is noise, so small costs pass on the budget alone: process CPU
 * time also counts V8's GC and compiler threads, and a CI run once saw 1.9 → 15.8 ms (×8.5) for the
 * phone recognizer, which measures 5–8 ms for 100 KB with ×3–4 growth. A super-linear scan of
 * 100 KB costs seconds, far above the floor.
 */
export const RUNAWAY_BUDGET_MS = 1_000;
export const MAX_GROWTH = 8;
const NOISE_FLOOR_MS = 20;
const RUNS_PER_SIZE = 3;

export interface GrowthVerdict {
  smallMs: number;
  largeMs: number;
  growth: number;
  /** 'ok' or why not — a string so a failing test prints every figure. */
  verdict: string;
}

/**
 * Small and large runs alternate, and each figure is the best of its runs. Once a CI rehearsal saw
 * the quadratic self-test pass as 'ok' (it grows ~×14 here, the limit is ×8): CPU time per unit of
 * work moves with what else runs on the machine, and the small runs, back to back, could all meet
 * conditions the large ones did not. Alternating exposes both sizes to the same conditions.
 */
export function measureGrowth(input: string, fn: (text: string) => unknown): GrowthVerdict {
  const small = input.slice(0, Math.floor(input.length / 4));
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < RUNS_PER_SIZE; i++) {
    smallMs = Math.min(smallMs, cpuMs(() => fn(small)));
    largeMs = Math.min(largeMs, cpuMs(() => fn(input)));
  }
  const growth = largeMs / Math.max(smallMs, 0.5);
  const runaway = largeMs >= RUNAWAY_BUDGET_MS;
  const superLinear = largeMs > NOISE_FLOOR_MS && growth >= MAX_GROWTH;
  const verdict = runaway
    ? `runaway: ${largeMs.toFixed(1)} ms CPU on ${input.length} chars`
    : superLinear
      ? `super-linear: ${smallMs.toFixed(1)} → ${largeMs.toFixed(1)} ms CPU for 4× input (×${growth.toFixed(1)})`
      : 'ok';
  return { smallMs, largeMs, growth, verdict };
}
