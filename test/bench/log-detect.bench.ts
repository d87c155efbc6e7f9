/**
 * The detect stage over structured (JSON) log lines, as a logs worker sees them: recurring fields
 * (level, service, method, route, status, host), a unique request id, sometimes a user's email,
 * and a 120-character message from the prompt mix. `node dist/test/bench/log-detect.bench.js`.
 */
import { detectInputs } from '../../pipelines/stages/detect.stage';
import type { StageInput } from '../../pipelines/stages/envelope';
import { mulberry32 as prng } from '../../pipelines/shared/prng';
import { makePrompts } from './detect.bench';

const ROUTES = ['/api/v1/orders', '/api/v1/cart', '/api/v1/users/me', '/healthz', '/api/v1/checkout'];
const METHODS = ['GET', 'POST', 'PUT'];
const LEVELS = ['info', 'info', 'info', 'warn', 'error'];

export function makeLogLines(n: number, seed = 11): StageInput[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return makePrompts(n, seed, 120).map((msg, i) => {
    const line: Record<string, string> = { level: pick(LEVELS), service: 'checkout', method: pick(METHODS), route: pick(ROUTES), status: pick(['200', '201', '404', '500']), host: `web-${i % 8}`, request_id: `req-${(i * 2654435761) >>> 0}`, msg };
    if (rnd() < 0.2) line.user = `user${i % 997}@example.com`;
    return { kind: 'log', log: { tenant_id: '11111111-1111-4111-8111-111111111111', request_id: `l${i}`, line: JSON.stringify(line), service: 'checkout', metadata: null, ts: 0 } };
  });
}

/** Mean CPU µs per log line through the detect stage, in batches of 250 as a detect thread gets them, after a warm-up of as many. */
export function benchLogDetect(count = 8000): { cpuUsPerLine: number } {
  const lines = makeLogLines(2 * count);
  const run = (from: number) => {
    for (let i = from; i < from + count; i += 250) detectInputs(lines.slice(i, Math.min(i + 250, from + count)));
  };
  run(count);
  const c0 = process.cpuUsage();
  run(0);
  const cpu = process.cpuUsage(c0);
  return { cpuUsPerLine: Math.round(((cpu.user + cpu.system) / count) * 10) / 10 };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(benchLogDetect())}\n`);
