import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { TOPICS, type TopicKey } from '../../../schemas/topics';
import { topicName } from '../../config/env';
import { BackfillRun, newRunId, StopSignal, type BackfillSummary } from '../../ops/backfill';
import { backfillFile } from '../../ops/backfill-file.source';
import { backfillTopic, remaining, topicWindow } from '../../ops/backfill-topic.source';
import { CheckpointMismatch, describeSource, openCheckpoint, type BackfillSource, type Checkpoint } from '../../ops/checkpoint';
import { parseRate } from '../../ops/rate-limiter';
import type { AppContext } from '../../runtime/app-context';
import { parseTimeBound } from '../policy-io';
import { action, CommandFailure, printJson, withApp } from '../run-command';

interface BackfillOptions {
  fromFile?: string;
  fromTopic?: string;
  since?: string;
  until?: string;
  rate?: string;
  checkpoint?: string;
  kind?: 'prompt' | 'log';
  batch: number;
  json?: boolean;
}

/** `prompts.raw`, `sentinel.prompts.raw` or `promptsRaw` name our (prefixed) topics; anything else is literal. */
function sourceTopic(ctx: AppContext, name: string): string {
  const key = (Object.keys(TOPICS) as TopicKey[]).find((k) => k === name || TOPICS[k] === name || TOPICS[k] === `sentinel.${name}`);
  return key ? topicName(TOPICS[key], ctx.env) : name;
}

async function freshCheckpoint(ctx: AppContext, o: BackfillOptions): Promise<Checkpoint> {
  const base = { version: 1 as const, runId: newRunId(), target: o.kind ?? ('auto' as const), counts: { sent: 0, invalid: 0, skipped: 0 }, invalidLines: [], done: false, updatedAt: '' };
  if (o.fromFile) {
    const path = resolve(o.fromFile);
    return { ...base, source: { kind: 'file', path, bytes: statSync(path).size }, position: { lines: 0 } };
  }
  const now = Date.now();
  const topic = sourceTopic(ctx, o.fromTopic!);
  const sinceMs = parseTimeBound(o.since!, now, '--since');
  const untilMs = o.until ? parseTimeBound(o.until, now, '--until') : null;
  if (untilMs !== null && untilMs < sinceMs) throw new CommandFailure('--until is before --since', 2);
  const source: BackfillSource = { kind: 'topic', topic, sinceMs, untilMs };
  return { ...base, source, position: await topicWindow(ctx.kafka, topic, sinceMs, untilMs) };
}

async function runBackfill(ctx: AppContext, o: BackfillOptions, ratePerSec: number | undefined, signal: StopSignal): Promise<BackfillSummary> {
  const fresh = await freshCheckpoint(ctx, o);
  let cp: Checkpoint;
  try {
    cp = openCheckpoint(o.checkpoint && resolve(o.checkpoint), fresh);
  } catch (err) {
    if (err instanceof CheckpointMismatch) throw new CommandFailure(err.message, 2);
    throw err;
  }
  if (cp !== fresh) process.stderr.write(`backfill: resuming ${cp.runId} (${describeSource(cp.source)}) after ${cp.counts.sent} sent\n`);
  await Promise.all([ctx.codecs.promptsRaw.init(), ctx.codecs.logsRaw.init()]);
  const s = cp.source;
  const total = s.kind === 'file' ? statSync(s.path).size : 'offsets' in cp.position ? remaining(cp.position) : 0;
  const run = new BackfillRun({ env: ctx.env, kafka: ctx.kafka, codecs: ctx.codecs }, { checkpointPath: o.checkpoint && resolve(o.checkpoint), ratePerSec, batchSize: o.batch }, cp, signal, cp.done ? 0 : total, 'records');
  if (cp.done) return run.summary(true);
  await run.start();
  try {
    const logsRaw = topicName(TOPICS.logsRaw, ctx.env);
    const kind = cp.target !== 'auto' ? cp.target : s.kind === 'topic' && s.topic === logsRaw ? 'log' : 'prompt';
    const complete = s.kind === 'file' ? await backfillFile(run, s.path) : await backfillTopic(run, s.topic, kind, s.untilMs);
    if (complete) {
      cp.done = true;
      run.save();
    }
    run.bar.finish();
    return run.summary(complete);
  } finally {
    await run.close();
  }
}

export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description('reprocess historical prompts/logs through the pipeline: re-produce them to the raw topics (rate-limited, resumable)')
    .option('--from-file <jsonl>', 'JSON lines: raw prompts {"tenant_id","text",...} or logs {"tenant_id","line",...}')
    .option('--from-topic <topic>', 'a topic of raw records (e.g. prompts.raw or an archive topic), with --since')
    .option('--since <time>', 'with --from-topic: start at this time (1h, 7d or ISO)')
    .option('--until <time>', 'with --from-topic: stop after this time (default: the high watermark at start)')
    .option('--rate <n>', 'at most N records per second (N, N/s, N/m)')
    .option('--checkpoint <file>', 'JSON checkpoint, saved after every acked batch; rerun with the same file to resume')
    .option('--kind <kind>', 'prompt | log: the raw topic to produce to (default: from each line, or from the source topic)')
    .option('--batch <n>', 'records per produce request', (v) => Number.parseInt(v, 10), 500)
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (o: BackfillOptions) => {
        if (!o.fromFile === !o.fromTopic) throw new CommandFailure('give exactly one of --from-file or --from-topic', 2);
        if (o.fromTopic && !o.since) throw new CommandFailure('--from-topic needs --since', 2);
        if (o.fromFile && (o.since || o.until)) throw new CommandFailure('--since/--until apply to --from-topic only', 2);
        if (o.kind !== undefined && o.kind !== 'prompt' && o.kind !== 'log') throw new CommandFailure('--kind must be prompt or log', 2);
        if (!(o.batch > 0)) throw new CommandFailure('--batch must be > 0', 2);
        let rate: number | undefined;
        try {
          rate = parseRate(o.rate);
        } catch (err) {
          throw new CommandFailure((err as Error).message, 2);
        }
        const signal = new StopSignal().install();
        let r: BackfillSummary;
        try {
          r = await withApp('cli-backfill', (ctx) => runBackfill(ctx, o, rate, signal));
        } finally {
          signal.uninstall();
        }
        if (o.json) return printJson(r);
        const state = r.complete ? 'complete' : `stopped by ${r.stoppedBy ?? 'idle source'}; resume with --checkpoint ${r.checkpoint ?? '(none given)'}`;
        process.stdout.write(`backfill ${r.runId}: sent ${r.sent}, invalid ${r.invalid} (produced as-is: they land in the DLQ with a reason), skipped ${r.skipped}; ${state}\n`);
        if (r.invalid > 0) process.stdout.write(`invalid line(s): ${r.invalidLines.slice(0, 50).join(', ')}${r.invalidLines.length > 50 ? ', ...' : ''}\n`);
      }),
    );
}
