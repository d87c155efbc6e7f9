/**
 * The audit outbox relay in a process of its own, as the jobs worker runs it in production (woken
 * by Postgres on every outbox commit), for the vault bench. It notes when Kafka acknowledged each
 * event (wall clock, comparable across processes) and, asked with 'report', drains what is left and
 * sends those times to the parent.
 */
import { loadEnv } from '../../workers/config/env';
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { createVaultServices } from '../../workers/vault/vault-services';

export interface RelayAck {
  readonly eventId: string;
  readonly ackedAtMs: number;
}

async function main(): Promise<void> {
  const ctx = await createAppContext('bench-outbox-relay', loadEnv(process.env));
  await bootstrap(ctx);
  const vault = await createVaultServices(ctx, { relay: 'listen' });
  const acked: Array<{ at: number; value: Buffer }> = [];
  const publish = vault.audit.publishEncoded.bind(vault.audit);
  vault.audit.publishEncoded = async (messages, headers) => {
    await publish(messages, headers);
    const at = performance.timeOrigin + performance.now();
    for (const m of messages) acked.push({ at, value: m.value });
  };
  process.on('message', (msg) => {
    if (msg !== 'report') return;
    void (async () => {
      await vault.outbox.drain();
      const acks: RelayAck[] = [];
      for (const a of acked.splice(0)) acks.push({ eventId: (await ctx.codecs.decisions.decode(a.value)).event_id, ackedAtMs: a.at });
      process.send?.({ acks });
    })();
  });
  process.on('disconnect', () => void vault.close().then(() => ctx.close()).finally(() => process.exit(0)));
  process.send?.('ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`outbox relay child failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
