import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { TOPICS, type TopicKey } from '../../../schemas/topics';
import { ClientConnections, resolveClientConfig } from '../../client/client-config';
import { env } from '../../config/env';
import { action, CommandFailure } from '../run-command';

interface TailOptions {
  tenant?: string;
  decision?: string;
  fromBeginning?: boolean;
  max?: number;
  json?: boolean;
}

type Row = Record<string, unknown>;

/** Accepts `promptsSanitized`, `sentinel.prompts.sanitized` or `prompts.sanitized`. */
function topicKeyOf(name: string): TopicKey | undefined {
  const keys = Object.keys(TOPICS) as TopicKey[];
  return keys.find((k) => k === name || TOPICS[k] === name || TOPICS[k] === `sentinel.${name}`);
}

/**
 * Raw topics carry the plaintext Sentinel exists to protect, and the DLQ carries sealed bytes:
 * tail shows their size, never their content, so a terminal or a pasted log never leaks them.
 */
function withheld(key: TopicKey, row: Row): Row {
  const out: Row = { ...row };
  if (key === 'promptsRaw' && typeof out.text === 'string') out.text = `<${out.text.length} chars withheld>`;
  if (key === 'logsRaw' && typeof out.line === 'string') out.line = `<${out.line.length} chars withheld>`;
  if (Buffer.isBuffer(out.payload_sealed)) out.payload_sealed = `<${out.payload_sealed.length} bytes sealed>`;
  return out;
}

function decisionOf(key: TopicKey, row: Row): string | undefined {
  if (key === 'promptsBlocked') return 'block';
  return typeof row.decision === 'string' ? row.decision : undefined;
}

function pretty(key: TopicKey, row: Row): string {
  const ts = typeof row.ts === 'number' ? new Date(row.ts).toISOString() : '-'.padEnd(24);
  const tenant = typeof row.tenant_id === 'string' ? row.tenant_id.slice(0, 8) : '-';
  const head = `${ts} ${key.padEnd(16)} ${tenant.padEnd(8)} ${String(row.request_id ?? '-').padEnd(18)} ${String(decisionOf(key, row) ?? '-').padEnd(8)}`;
  switch (key) {
    case 'promptsSanitized':
    case 'promptsRaw':
      return `${head} ${row.token_count !== undefined ? `tokens=${String(row.token_count)} ` : ''}${String(row.text)}`;
    case 'logsSanitized':
    case 'logsRaw':
      return `${head} ${String(row.line)}`;
    case 'promptsBlocked':
      return `${head} rules=${(row.matched_rules as string[]).join(',')} reasons=${(row.reasons as string[]).join('; ')}`;
    case 'decisions': {
      const entities = (row.findings as { entity: string }[]).map((f) => f.entity);
      return `${head} ${String(row.event_type)} rules=${(row.matched_rules as string[]).join(',') || '-'} entities=${entities.join(',') || '-'} injection=${Number(row.injection_score).toFixed(2)}`;
    }
    case 'dlq':
      return `${head} ${String(row.reason_code)} stage=${String(row.stage)} from=${String(row.original_topic)}/${String(row.original_partition)}@${String(row.original_offset)} ${String(row.payload_sealed)}`;
    default:
      // Topics added to the contract later still print, as their decoded JSON.
      return `${head} ${JSON.stringify(row)}`;
  }
}

export function registerTailCommand(program: Command): void {
  program
    .command('tail')
    .argument('<topic>', `topic: ${Object.values(TOPICS).join(', ')} (or its short name)`)
    .description('print a topic decoded with its schema (raw text and sealed payloads withheld) until Ctrl-C or --max')
    .option('--tenant <uuid>', 'only this tenant')
    .option('--decision <d>', 'only this decision (allow, encrypt, reframe, block, ...)')
    .option('--from-beginning', 'start at the oldest retained message (default: only new ones)')
    .option('--max <n>', 'stop after N matching messages', (v) => Number.parseInt(v, 10))
    .option('--json', 'one JSON object per line')
    .action(
      action(async (topicArg: string, o: TailOptions) => {
        const key = topicKeyOf(topicArg);
        if (!key) throw new CommandFailure(`unknown topic "${topicArg}" (expected one of ${Object.values(TOPICS).join(', ')})`, 2);
        if (o.max !== undefined && !(o.max > 0)) throw new CommandFailure('--max must be > 0', 2);
        const e = env();
        const conn = new ClientConnections(resolveClientConfig({ brokers: e.KAFKA_BROKERS.split(','), registryUrl: e.SCHEMA_REGISTRY_URL, topicPrefix: e.TOPIC_PREFIX, clientId: `${e.KAFKA_CLIENT_ID}-tail` }));
        const codec = await conn.codec<Row>(key);
        // A throwaway group that never commits: tailing must not move anyone's offsets.
        const consumer = conn.kafka.consumer({ groupId: `sentinel-tail-${randomUUID()}`, readUncommitted: false });
        let shown = 0;
        let stop: () => void = () => undefined;
        const stopped = new Promise<void>((resolve) => (stop = resolve));
        process.once('SIGINT', () => stop());
        process.once('SIGTERM', () => stop());
        await consumer.connect();
        try {
          await consumer.subscribe({ topic: conn.topic(key), fromBeginning: o.fromBeginning ?? false });
          await consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (!message.value || (o.max !== undefined && shown >= o.max)) return;
              let row: Row;
              try {
                row = await codec.decode(message.value);
              } catch (err) {
                process.stderr.write(`partition ${partition} offset ${message.offset}: ${(err as Error).message.split('\n')[0]}\n`);
                return;
              }
              if (o.tenant && row.tenant_id !== o.tenant) return;
              if (o.decision && decisionOf(key, row) !== o.decision) return;
              const safe = withheld(key, row);
              process.stdout.write(`${o.json ? JSON.stringify(safe) : pretty(key, safe)}\n`);
              if (o.max !== undefined && ++shown >= o.max) stop();
            },
          });
          await stopped;
        } finally {
          await consumer.disconnect().catch(() => undefined);
        }
      }),
    );
}
