import type { AppContext } from '../../workers/runtime/app-context';
import type { VaultServices } from '../../workers/vault/vault-services';

export interface RelayAck {
  readonly eventId: string;
  /** Wall clock (performance.timeOrigin-based ms), comparable across processes. */
  readonly ackedAtMs: number;
}

/**
 * Wraps the vault's audit emitter so that every relayed batch notes when Kafka acknowledged it.
 * `collect` drains the outbox and returns the acknowledgements since its last call; `restore`
 * puts the emitter back.
 */
export function recordRelayAcks(ctx: AppContext, vault: VaultServices): { collect(): Promise<RelayAck[]>; restore(): void } {
  const acked: Array<{ at: number; value: Buffer }> = [];
  const publish = vault.audit.publishEncoded.bind(vault.audit);
  vault.audit.publishEncoded = async (messages, headers) => {
    await publish(messages, headers);
    const at = performance.timeOrigin + performance.now();
    for (const m of messages) acked.push({ at, value: m.value });
  };
  return {
    collect: async () => {
      await vault.outbox.drain();
      const acks: RelayAck[] = [];
      for (const a of acked.splice(0)) acks.push({ eventId: (await ctx.codecs.decisions.decode(a.value)).event_id, ackedAtMs: a.at });
      return acks;
    },
    restore: () => void (vault.audit.publishEncoded = publish),
  };
}
