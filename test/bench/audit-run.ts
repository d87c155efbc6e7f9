/**
 * `node dist/test/bench/audit-run.js [sinkEvents] [anchorEvents]` — prints the audit figures as JSON.
 * Needs the local stack (npm run stack:up); writes to fresh bench tenants.
 */
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { benchAnchoring, benchSinkThroughput, benchVerify } from './audit.bench';

async function main(): Promise<void> {
  const sinkEvents = Number(process.argv[2] ?? 200_000);
  const anchorEvents = Number(process.argv[3] ?? 1_000_000);
  const ctx = await createAppContext('bench-audit');
  try {
    await bootstrap(ctx);
    const sink = await benchSinkThroughput(ctx, sinkEvents);
    process.stdout.write(`${JSON.stringify({ sink })}\n`);
    const verify = await benchVerify(ctx, sink.tenantId);
    process.stdout.write(`${JSON.stringify({ verify })}\n`);
    const anchoring = await benchAnchoring(ctx, anchorEvents);
    process.stdout.write(`${JSON.stringify({ anchoring })}\n`);
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`audit bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
