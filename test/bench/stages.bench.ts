import { randomBytes } from 'node:crypto';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET } from '../../pipelines/policy';
import { decideEnvelope } from '../../pipelines/stages/decide.stage';
import { detectEnvelope } from '../../pipelines/stages/detect.stage';
import type { StageInput } from '../../pipelines/stages/envelope';
import { protectEnvelope } from '../../pipelines/stages/protect.stage';
import type { TenantContext } from '../../pipelines/stages/stage.types';
import { makePrompts } from './detect.bench';

export interface StagesBenchResult {
  readonly detectUs: number;
  readonly decideUs: number;
  readonly protectUs: number;
  /** Prompts per CPU-second through all three stages: the ceiling of one fused worker process. */
  readonly cpuPromptsPerSec: number;
}

/**
 * The pure stages alone (no Kafka, no I/O) on 500-character mixed prompts with the default
 * policy: what one core can do before any transport cost. Times are means per prompt.
 */
export function benchStages(count = 4000): StagesBenchResult {
  const prompts = makePrompts(2 * count, 7);
  const ctx: TenantContext = {
    tenantId: '11111111-1111-4111-8111-111111111111',
    policy: { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF },
    dataKey: { version: 1, key: randomBytes(32) },
    tokenKey: { version: 1, key: randomBytes(32) },
    defaultTtlSeconds: 3600,
  };
  const ns = { detect: 0, decide: 0, protect: 0 };
  const run = (from: number, n: number, measure: boolean) => {
    for (let i = from; i < from + n; i++) {
      const input: StageInput = { kind: 'prompt', prompt: { tenant_id: ctx.tenantId, request_id: `r${i}`, text: prompts[i]!, conversation_id: `c${i % 50}`, user_id: null, metadata: null, ts: 0 } };
      const a = process.hrtime.bigint();
      const detected = detectEnvelope(input, 0);
      const b = process.hrtime.bigint();
      const decided = decideEnvelope(detected, ctx.policy);
      const c = process.hrtime.bigint();
      protectEnvelope(decided, ctx, 0);
      const d = process.hrtime.bigint();
      if (measure) {
        ns.detect += Number(b - a);
        ns.decide += Number(c - b);
        ns.protect += Number(d - c);
      }
    }
  };
  // Warm-up on other prompts of the same mix, as many as are measured: after only 500, V8 was still
  // compiling hot code inside the measured loop (2,144–2,662 prompts per CPU-second, against 3,366–3,489).
  run(count, count, false);
  const cpu0 = process.cpuUsage();
  run(0, count, true);
  const cpu = process.cpuUsage(cpu0);
  const us = (x: number) => Math.round(x / count / 100) / 10;
  return { detectUs: us(ns.detect), decideUs: us(ns.decide), protectUs: us(ns.protect), cpuPromptsPerSec: Math.round(count / ((cpu.user + cpu.system) / 1e6)) };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(benchStages())}\n`);
