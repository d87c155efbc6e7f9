/**
 * `node dist/test/bench/vault-run.js`: runs the vault bench against the local stack and prints
 * the figures as JSON. Topics get a `bench.` prefix (unless TOPIC_PREFIX is set) so the bench's
 * audit events never enter a real tenant's chain.
 */
import { loadEnv } from '../../workers/config/env';
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { benchVault } from './vault.bench';

async function main(): Promise<void> {
  const e = loadEnv({ LOG_LEVEL: 'warn', ...process.env, TOPIC_PREFIX: process.env.TOPIC_PREFIX ?? 'bench.' });
  const ctx = await createAppContext('bench-vault', e);
  try {
    await bootstrap(ctx);
    const values = Number(process.env.BENCH_VAULT_VALUES ?? 100_000);
    const result = await benchVault(ctx, { values });
    const targets = { tokenizeWritePerSec: '>= 20000', detokenizeP99Ms: '< 5' };
    process.stdout.write(`${JSON.stringify({ bench: 'vault', values, ...result, targets, met: result.tokenizeWritePerSec >= 20_000 && result.detokenizeP99Ms < 5 })}\n`);
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`vault bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
