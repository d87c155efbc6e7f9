import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { SentinelProducer, type LogInput, type PromptInput } from '../../client';
import { env } from '../../config/env';
import { samplePrompts } from '../../demo/sample-prompts';
import { ProgressBar } from '../progress';
import { action, CommandFailure, printJson } from '../run-command';

interface ProduceOptions {
  file?: string;
  sample?: number;
  tenant?: string;
  jsonPlain?: boolean;
  batch: number;
  json?: boolean;
}

/** One input record and its share of the progress total (bytes of a file, or 1 of N samples). */
interface Item {
  readonly record: PromptInput | LogInput;
  readonly units: number;
}

async function* jsonLines(stream: NodeJS.ReadableStream, tenant: string | undefined): AsyncGenerator<Item> {
  let lineNo = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo++;
    const units = Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // The line itself is never echoed: it may hold exactly what Sentinel exists to protect.
      throw new CommandFailure(`line ${lineNo}: not valid JSON`, 2);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CommandFailure(`line ${lineNo}: not a JSON object`, 2);
    const rec = { ...(parsed as Record<string, unknown>) };
    rec.tenant_id ??= tenant;
    if (typeof rec.tenant_id !== 'string') throw new CommandFailure(`line ${lineNo}: no tenant_id (give one per line or --tenant)`, 2);
    if (typeof rec.text !== 'string' && typeof rec.line !== 'string') throw new CommandFailure(`line ${lineNo}: needs "text" (prompt) or "line" (log)`, 2);
    yield { record: rec as unknown as PromptInput | LogInput, units };
  }
}

function* samples(n: number, tenant: string): Generator<Item> {
  const run = Date.now().toString(36);
  let i = 0;
  for (const s of samplePrompts(n)) {
    yield { record: { tenant_id: tenant, request_id: `sample-${run}-${i}`, text: s.text, conversation_id: `conv-${i % 8}`, metadata: { source: 'sentinel-produce', kind: s.kind } }, units: 1 };
    i++;
  }
}

const isLog = (r: PromptInput | LogInput): r is LogInput => typeof (r as LogInput).line === 'string';

export function registerProduceCommand(program: Command): void {
  program
    .command('produce')
    .description('produce raw prompts/logs: JSON lines from --file or stdin ({"tenant_id","text"} or {"tenant_id","line"}), or --sample N')
    .option('--file <path>', 'JSONL file (default: stdin)')
    .option('--sample <n>', 'generate N sample prompts (PII, cards, secrets, injections) for --tenant', (v) => Number.parseInt(v, 10))
    .option('--tenant <uuid>', 'tenant id for --sample, and for lines without tenant_id')
    .option('--json-plain', 'send plain JSON values instead of registry-framed Avro')
    .option('--batch <n>', 'records per produce request', (v) => Number.parseInt(v, 10), 500)
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (o: ProduceOptions) => {
        if (o.sample !== undefined && (!o.tenant || !(o.sample > 0))) throw new CommandFailure('--sample N needs N > 0 and --tenant', 2);
        if (!(o.batch > 0)) throw new CommandFailure('--batch must be > 0', 2);
        if (o.sample === undefined && !o.file && process.stdin.isTTY) throw new CommandFailure('nothing to produce: give --file, --sample N or pipe JSON lines on stdin', 2);
        const e = env();
        const producer = new SentinelProducer({ brokers: e.KAFKA_BROKERS.split(','), registryUrl: e.SCHEMA_REGISTRY_URL, topicPrefix: e.TOPIC_PREFIX, clientId: `${e.KAFKA_CLIENT_ID}-produce`, format: o.jsonPlain ? 'json' : 'avro' });
        const source = o.sample !== undefined ? samples(o.sample, o.tenant!) : jsonLines(o.file ? createReadStream(o.file) : process.stdin, o.tenant);
        const total = o.sample ?? (o.file ? statSync(o.file).size : 0);
        const bar = new ProgressBar('produce', total);
        const counts = { prompts: 0, logs: 0 };
        await producer.connect();
        try {
          let prompts: PromptInput[] = [];
          let logs: LogInput[] = [];
          let units = 0;
          const flush = async () => {
            if (prompts.length) await producer.sendBatch(prompts);
            if (logs.length) await producer.sendLogBatch(logs);
            counts.prompts += prompts.length;
            counts.logs += logs.length;
            bar.tick(units, prompts.length + logs.length);
            prompts = [];
            logs = [];
            units = 0;
          };
          for await (const item of source) {
            if (isLog(item.record)) logs.push(item.record);
            else prompts.push(item.record);
            units += item.units;
            if (prompts.length + logs.length >= o.batch) await flush();
          }
          await flush();
          bar.finish();
        } finally {
          await producer.disconnect().catch(() => undefined);
        }
        const summary = { ...counts, format: o.jsonPlain ? 'json' : 'avro', topicPrefix: e.TOPIC_PREFIX };
        if (o.json) printJson(summary);
        else process.stdout.write(`produced ${counts.prompts} prompt(s) and ${counts.logs} log(s) (${summary.format})\n`);
      }),
    );
}
