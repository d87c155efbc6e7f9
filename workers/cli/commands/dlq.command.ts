import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { TOPICS } from '../../../schemas/topics';
import { topicName } from '../../config/env';
import { migratePostgres } from '../../adapters/postgres/migrate';
import type { AppContext } from '../../runtime/app-context';
import { DLQ_KEY_ID } from '../../runtime/dead-letter';
import { displayTenant, readDeadLetters, summarize, type DeadLetterSummary, type DlqFilter } from '../../ops/dlq-reader';
import { replayDeadLetters } from '../../ops/dlq-replay';
import { revealDeadLetter } from '../../ops/dlq-reveal';
import { parseTimeBound } from '../policy-io';
import { action, CommandFailure, printJson, withApp } from '../run-command';

interface SelectOptions {
  reason?: string;
  stage?: string;
  since?: string;
  partition?: number;
  offset?: string;
  max?: number;
  json?: boolean;
}

const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new CommandFailure(`"${v}" is not a non-negative integer`, 2);
  return Number.parseInt(v, 10);
};

function filterOf(o: SelectOptions): DlqFilter {
  if (o.offset !== undefined && o.partition === undefined) throw new CommandFailure('--offset needs --partition', 2);
  if (o.offset !== undefined && !/^\d+$/.test(o.offset)) throw new CommandFailure('--offset must be a non-negative integer', 2);
  return { reason: o.reason, stage: o.stage, sinceMs: o.since ? parseTimeBound(o.since, Date.now(), '--since') : undefined, partition: o.partition, offset: o.offset, max: o.max };
}

async function select(ctx: AppContext, f: DlqFilter) {
  const r = await readDeadLetters({ kafka: ctx.kafka, codec: ctx.codecs.dlq, topic: topicName(TOPICS.dlq, ctx.env) }, f);
  if (r.undecodable.length > 0) process.stderr.write(`sentinel: ${r.undecodable.length} DLQ record(s) did not decode as dead letters (first: ${r.undecodable.map((x) => `${x.partition}/${x.offset}`)[0]})\n`);
  return r;
}

function line(s: DeadLetterSummary): string {
  return `${s.partition}/${s.offset}\t${s.time}  ${s.reason.padEnd(16)} stage=${s.stage} class=${s.errorClass} from=${s.originalTopic}/${s.originalPartition}@${s.originalOffset} tenant=${s.tenantId ?? '-'} sealed=${s.sealedBytes}B headers=${s.headersCarried}${s.headersDropped > 0 ? ` (${s.headersDropped} dropped)` : ''}`;
}

/** Payloads print as UTF-8 text when they are valid UTF-8, otherwise as base64. */
function payloadText(b: Buffer): { encoding: 'utf8' | 'base64'; payload: string } {
  try {
    return { encoding: 'utf8', payload: new TextDecoder('utf-8', { fatal: true }).decode(b) };
  } catch {
    return { encoding: 'base64', payload: b.toString('base64') };
  }
}

export function registerDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description('dead letters: list, inspect (reveal is audited), replay after a fix');
  dlq
    .command('list')
    .description('list dead letters (routing facts and sizes; payloads are never printed)')
    .option('--reason <code>', 'only this reason code (e.g. unknown_tenant, decode_failed)')
    .option('--stage <stage>', 'only dead letters from this stage')
    .option('--since <time>', 'only dead letters since a duration ago (1h, 7d) or an ISO time')
    .option('--max <n>', 'stop after N dead letters', int)
    .option('--json', 'print as JSON')
    .action(
      action(async (o: SelectOptions) => {
        const r = await withApp('cli-dlq', (ctx) => select(ctx, filterOf(o)));
        const rows = r.entries.map(summarize);
        if (o.json) return printJson({ count: rows.length, complete: r.complete, undecodable: r.undecodable.length, deadLetters: rows });
        for (const s of rows) process.stdout.write(`${line(s)}\n`);
        process.stderr.write(`${rows.length} dead letter(s)${r.complete ? '' : ' (stopped before the end of the topic)'}\n`);
      }),
    );
  dlq
    .command('inspect')
    .description('show one dead letter; --reveal opens its payload (needs --reason from DETOKENIZE_REASON_CODES and --actor; audited)')
    .requiredOption('--partition <p>', 'DLQ partition', int)
    .requiredOption('--offset <o>', 'DLQ offset')
    .option('--reveal', 'open and print the sealed payload (audited)')
    .option('--reason <code>', 'reason code for --reveal')
    .option('--actor <id>', 'who is revealing (recorded)')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: SelectOptions & { reveal?: boolean; actor?: string }) => {
        const filter = filterOf({ partition: o.partition, offset: o.offset });
        await withApp('cli-dlq', async (ctx) => {
          const entry = (await select(ctx, filter)).entries[0];
          if (!entry) throw new CommandFailure(`no dead letter at ${topicName(TOPICS.dlq, ctx.env)} partition ${o.partition} offset ${o.offset}`);
          const info = { ...summarize(entry), errorMessage: entry.letter.error_message, key: displayTenant(entry.key?.toString() ?? null) ?? (entry.key ? `<${entry.key.length} bytes>` : null) };
          if (!o.reveal) return o.json ? printJson(info) : process.stdout.write(`${Object.entries(info).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}\n`);
          const out = await revealDeadLetter(ctx, entry, { reason: o.reason, actor: o.actor });
          if (!out.granted) throw new CommandFailure(`reveal refused: ${out.refusal}${out.auditEventId ? ` [audit event ${out.auditEventId}]` : ''}`);
          const audit = 'eventId' in out.audit ? { auditEventId: out.audit.eventId } : { audit: 'stderr (tenant unknown)' };
          const p = payloadText(out.payload);
          if (o.json) return printJson({ ...info, ...audit, payloadEncoding: p.encoding, payload: p.payload });
          process.stderr.write(`revealed ${info.ref} (${out.payload.length} bytes, ${p.encoding}); ${JSON.stringify(audit)}\n`);
          process.stdout.write(`${p.payload}\n`);
        });
      }),
    );
  dlq
    .command('replay')
    .description('re-produce selected dead letters to their original topic (each once; --force to repeat)')
    .option('--reason <code>', 'only this reason code')
    .option('--stage <stage>', 'only this stage')
    .option('--since <time>', 'only dead letters since a duration ago (1h) or an ISO time')
    .option('--partition <p>', 'DLQ partition (with --offset: one dead letter)', int)
    .option('--offset <o>', 'DLQ offset')
    .option('--all', 'replay every dead letter (no other selector needed)')
    .option('--dry-run', 'show what would be replayed; send nothing')
    .option('--force', 'replay dead letters already recorded as replayed')
    .option('--actor <id>', 'recorded in dlq_replays (default: the OS user)')
    .option('--json', 'print the counts as JSON')
    .action(
      action(async (o: SelectOptions & { all?: boolean; dryRun?: boolean; force?: boolean; actor?: string }) => {
        if (!o.all && !o.reason && !o.stage && !o.since && o.partition === undefined) throw new CommandFailure('select what to replay: --reason, --stage, --since, --partition [--offset] or --all', 2);
        const filter = filterOf(o);
        const result = await withApp('cli-dlq-replay', async (ctx) => {
          await migratePostgres(ctx.pg.admin);
          const { entries } = await select(ctx, filter);
          const actor = o.actor ?? userInfo().username;
          return replayDeadLetters({ env: ctx.env, kafka: ctx.kafka, admin: ctx.pg.admin, dlqKey: () => ctx.systemKeys.get(DLQ_KEY_ID) }, entries, { dryRun: o.dryRun, force: o.force, actor });
        });
        if (o.json) return printJson(result);
        const verb = result.dryRun ? 'would replay' : 'replayed';
        process.stdout.write(`${verb} ${result.dryRun ? result.refs.length : result.replayed} of ${result.selected} selected; already replayed ${result.alreadyReplayed}; refused ${result.refused}; unopenable ${result.unopenable}\n`);
      }),
    );
}
