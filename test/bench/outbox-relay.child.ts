/**
 * The audit outbox relay in a process of its own, as the jobs worker runs it in production (woken
 * by Postgres on every outbox commit), for the vault bench. It notes when Kafka acknowledged each
 * event (wall clock, comparable across processes) and, asked with 'report', drains what is left and
 * sends those times to the parent.
 */
import { loadEnv } from '../../workers/config/env';
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { createVaultServices } from '../../workers/vault/vault-services';
import { recordRelayAcks } from './relay-acks';

async function main(): Promise<void> {
  const ctx = await createAppContext('bench-outbox-relay', loadEnv(process.env));
  await bootstrap(ctx);
  const vault = await createVaultServices(ctx, { relay: 'listen' });
  const acks = recordRelayAcks(ctx, vault);
  process.on('message', (msg) => {
    if (msg !== 'report') return;
    void acks.collect().then((list) => process.send?.({ acks: list }));
  });
  process.on('disconnect', () => void vault.close().then(() => ctx.close()).finally(() => process.exit(0)));
  process.send?.('ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`outbox relay child failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
