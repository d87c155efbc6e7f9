/**
 * Detokenize latency per single-token request with the data key cached, and how soon the outbox
 * relay had each request's audit event acknowledged by Kafka after the request returned. The relay
 * runs either in a process of its own (the jobs worker's role; the serving process has
 * OUTBOX_RELAY=off) or inside the serving process (OUTBOX_RELAY=listen), so the bench shows what
 * sharing the event loop and the cores with Kafka work costs the requests.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { AppContext } from '../../workers/runtime/app-context';
import type { VaultServices } from '../../workers/vault/vault-services';
import { recordRelayAcks, type RelayAck } from './relay-acks';

export type RelayPlacement = 'separate-process' | 'in-process';

export interface DetokenizeLatency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** From a request's return to Kafka's acks=all acknowledgement of its audit event. */
  readonly deliveryP50Ms: number;
  readonly deliveryP99Ms: number;
}

interface RelayProbe {
  /** Waits until the outbox is drained and returns the acknowledgements since the last call. */
  collect(): Promise<RelayAck[]>;
  stop(): Promise<void>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measureDetokenize(ctx: AppContext, vault: VaultServices, tenantId: string, tokens: readonly string[], samples: number, placement: RelayPlacement): Promise<DetokenizeLatency> {
  const relay = placement === 'separate-process' ? await childRelay(ctx) : await inProcessRelay(ctx, vault);
  try {
    const ask = (token: string) => vault.detokenizer.detokenize({ tenantId, reason: 'support_ticket', actor: 'bench', tokens: [token] });
    for (const t of tokens.slice(0, 50)) await ask(t); // warm-up: key unwrap, producer connect, JIT
    await relay.collect();
    const times: number[] = [];
    const returned = new Map<string, number>();
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      const out = await ask(tokens[i % tokens.length]!);
      const t1 = performance.now();
      times.push(t1 - t0);
      returned.set(out.eventId, performance.timeOrigin + t1);
    }
    const delivery: number[] = [];
    for (const a of await relay.collect()) {
      const at = returned.get(a.eventId);
      if (at !== undefined) delivery.push(a.ackedAtMs - at);
    }
    if (delivery.length !== returned.size) throw new Error(`relay delivered ${delivery.length} of ${returned.size} audit events`);
    times.sort((a, b) => a - b);
    delivery.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), deliveryP50Ms: round(percentile(delivery, 50)), deliveryP99Ms: round(percentile(delivery, 99)) };
  } finally {
    await relay.stop();
  }
}

/** The serving process relays its own events (its producer, its event loop). */
async function inProcessRelay(ctx: AppContext, vault: VaultServices): Promise<RelayProbe> {
  const acks = recordRelayAcks(ctx, vault);
  await vault.outbox.listen(ctx.env.APP_DATABASE_URL);
  return { collect: () => acks.collect(), stop: async () => acks.restore() };
}

async function childRelay(ctx: AppContext): Promise<RelayProbe> {
  const child = fork(join(__dirname, 'outbox-relay.child.js'), [], { env: { ...process.env, TOPIC_PREFIX: ctx.env.TOPIC_PREFIX, LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  await nextMessage(child, (m): m is 'ready' => m === 'ready');
  return {
    collect: async () => {
      const reply = nextMessage(child, (m): m is { acks: RelayAck[] } => typeof m === 'object' && m !== null && 'acks' in m);
      child.send('report');
      return (await reply).acks;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

function nextMessage<T>(child: ChildProcess, accept: (m: unknown) => m is T, timeoutMs = 120_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (err?: Error, value?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value!);
    };
    const onMessage = (m: unknown) => accept(m) && done(undefined, m);
    const onExit = (code: number | null) => done(new Error(`outbox relay child exited (${code})`));
    const timer = setTimeout(() => done(new Error('outbox relay child did not answer')), timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
