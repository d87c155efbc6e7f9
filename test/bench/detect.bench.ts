/**
 * Throughput benchmark for detectSensitive over deterministic synthetic ~500-char prompts
 * (clean prose mixed with emails, cards, phones, secrets). `node dist/test/bench/detect.bench.js`.
 */
import { detectSensitive } from '../../pipelines/detect/engine';
import { mulberry32 as prng } from '../../pipelines/shared/prng';


const PROSE = [
  'Please summarize the quarterly report and highlight the main risks for the board.',
  'Can you rewrite this paragraph so it sounds friendlier to new customers?',
  'The deployment failed again last night because the queue consumer timed out.',
  'Write a short poem about autumn leaves falling on a quiet street.',
  'Explain the difference between a mutex and a semaphore with an example.',
  'Our team meeting moved to Thursday afternoon, bring the latest metrics.',
];
const SENSITIVE = [
  'Contact me at jane.roe@example.org for details.',
  'My card is 4111 1111 1111 1111, exp 09/27.',
  'Call me at (415) 555-2671 after five.',
  'Use key AKIAIOSFODNN7EXAMPLE with the staging bucket.',
  'The token is ghp_abcdefghijklmnopqrstuvwxyz0123456789 keep it safe.',
  'My SSN is 536-22-8714 and my IBAN GB82 WEST 1234 5698 7654 32.',
  'Send it to 123 Main Street, Springfield, IL 62704, attention Maria Garcia.',
  'DB url postgres://app:s3cr3t@db.internal:5432/orders',
];

export function makePrompts(n: number, seed = 42, chars = 500): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    while (s.length < chars) {
      const pool = rnd() < 0.3 ? SENSITIVE : PROSE;
      s += pool[Math.floor(rnd() * pool.length)] + ' ';
    }
    out.push(s.slice(0, chars));
  }
  return out;
}

/**
 * promptsPerSec is wall-clock; cpuPromptsPerSec divides by this process's CPU time (user + system),
 * which is the per-core figure and stays meaningful on a busy machine where the process is descheduled.
 */
export function benchDetect(count = 5000): { promptsPerSec: number; cpuPromptsPerSec: number } {
  const prompts = makePrompts(count);
  for (let i = 0; i < 500; i++) detectSensitive(prompts[i % prompts.length]); // warm-up
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const p of prompts) detectSensitive(p);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  return { promptsPerSec: Math.round(prompts.length / secs), cpuPromptsPerSec: Math.round(prompts.length / cpuSecs) };
}

if (require.main === module) process.stdout.write(JSON.stringify(benchDetect()) + '\n');
