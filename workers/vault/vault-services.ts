import type { AppContext } from '../runtime/app-context';
import type { Env } from '../config/env';
import { AuditEmitter } from '../audit/audit-emitter';
import { KeyLifecycle } from '../keys/key-lifecycle';
import { TenantKeyring } from '../keys/tenant-keyring';
import { AuditOutbox } from '../audit/audit-outbox';
import { Detokenizer } from './detokenize';

export interface VaultServices {
  readonly detokenizer: Detokenizer;
  readonly keys: KeyLifecycle;
  readonly keyring: TenantKeyring;
  readonly audit: AuditEmitter;
  /** Delivers detokenization audit events from the Postgres outbox to Kafka (see OUTBOX_RELAY). */
  readonly outbox: AuditOutbox;
  close(): Promise<void>;
}

export function reasonCodes(e: Env): ReadonlySet<string> {
  return new Set(e.DETOKENIZE_REASON_CODES.split(',').map((s) => s.trim()).filter((s) => s.length > 0));
}

/**
 * Wires the vault's operator-facing services to an app context: one keyring (so detokenization
 * reuses unwrapped keys within their TTL) and one audit producer shared by both services and the
 * outbox relay. The relay listens for outbox commits unless `relay` (default OUTBOX_RELAY) is off;
 * `outboxSweepMs` adds a periodic sweep for events no relay was woken for (jobs worker).
 * Registers the decisions schema first: the emitter needs its writer schema id.
 */
export async function createVaultServices(ctx: AppContext, opts: { keyring?: TenantKeyring; outboxSweepMs?: number; relay?: Env['OUTBOX_RELAY'] } = {}): Promise<VaultServices> {
  await ctx.codecs.decisions.init();
  const keyring = opts.keyring ?? new TenantKeyring(ctx.pg.app, ctx.keyProvider);
  const audit = new AuditEmitter(ctx.kafka, ctx.codecs.decisions, ctx.env);
  const outbox = new AuditOutbox(ctx.pg.admin, audit, { lingerMs: ctx.env.OUTBOX_LINGER_MS });
  if ((opts.relay ?? ctx.env.OUTBOX_RELAY) === 'listen') await outbox.listen(ctx.env.APP_DATABASE_URL);
  if (opts.outboxSweepMs) outbox.sweepEvery(opts.outboxSweepMs);
  return {
    detokenizer: new Detokenizer({ app: ctx.pg.app, keyring, outbox, reasonCodes: reasonCodes(ctx.env) }),
    keys: new KeyLifecycle({ app: ctx.pg.app, provider: ctx.keyProvider, keyring, audit, admin: ctx.pg.admin }),
    keyring,
    audit,
    outbox,
    // The relay's last drain first: a CLI run should leave nothing in the outbox if Kafka is up.
    close: async () => {
      await outbox.close();
      await audit.close();
    },
  };
}
