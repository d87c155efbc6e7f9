import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { detectStage } from '../../../pipelines/stages/detect.stage';
import { action, withApp } from '../run-command';
import { SignatureCatalog } from '../../signatures/signature-catalog';

/**
 * `sentinel detect`: JSON lines {"text": "..."} on stdin → one JSON line of findings and injection
 * score per input, so other tools can be compared with ours on the same data. Needs no service.
 */
export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('read JSON lines {"text": ...} on stdin; write findings and injection score per line')
    .option('--source <source>', 'prompt or log (logs skip injection scoring)', 'prompt')
    .option('--tenant <uuid>', "add the tenant's (and global) signatures from Postgres to the shipped set")
    .action(
      action(async (o: { source: string; tenant?: string }) => {
        const source = o.source === 'log' ? 'log' : 'prompt';
        // Without --tenant no service is needed: the reviewed global set ships with the project.
        const signatures = o.tenant ? await withApp('cli-detect', (ctx) => new SignatureCatalog(ctx.pg.app).forTenant(o.tenant!)) : undefined;
        const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
        let line = 0;
        for await (const raw of rl) {
          line++;
          if (raw.trim() === '') continue;
          let text: unknown;
          try {
            text = (JSON.parse(raw) as { text?: unknown }).text;
          } catch {
            text = undefined;
          }
          if (typeof text !== 'string') {
            process.stdout.write(`${JSON.stringify({ error: `line ${line}: expected {"text": string}` })}\n`);
            continue;
          }
          const d = detectStage(text, source, signatures);
          process.stdout.write(`${JSON.stringify({ findings: d.findings, injection: d.injection })}\n`);
        }
      }),
    );
}
