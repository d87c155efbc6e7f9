import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createVaultServices } from '../../vault/vault-services';
import { isDetokenizeRefused } from '../../vault/detokenize.errors';
import { action, CommandFailure, printJson, withApp } from '../run-command';

interface DetokenizeOptions {
  tenant: string;
  reason?: string;
  actor: string;
  token?: string[];
  text?: string;
  json?: boolean;
}

/** `--text -` reads stdin; any other value is a file path. Raw bytes as UTF-8, nothing trimmed. */
function readText(source: string): string {
  return readFileSync(source === '-' ? 0 : source, 'utf8');
}

export function registerDetokenizeCommand(program: Command): void {
  program
    .command('detokenize')
    .description('restore originals from the vault — audited; needs a reason code from DETOKENIZE_REASON_CODES')
    .requiredOption('--tenant <uuid>', 'tenant id')
    // Not required by commander: a missing reason must reach the service so the refusal is audited.
    .option('--reason <code>', 'reason code (e.g. customer_request, legal_hold)')
    .requiredOption('--actor <id>', 'who is asking (recorded in the audit event)')
    .option('--token <id...>', 'vault token id(s); fpe tokens as fpe:<ENTITY>:<ciphertext>')
    .option('--text <file>', 'a whole sanitized text to restore byte for byte ("-" = stdin)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: DetokenizeOptions) => {
        if ((o.token === undefined) === (o.text === undefined)) throw new CommandFailure('give exactly one of --token or --text', 2);
        const text = o.text !== undefined ? readText(o.text) : undefined;
        const result = await withApp('cli-detokenize', async (ctx) => {
          // One-shot: no LISTEN connection; close() drains what this run wrote to the outbox.
          const vault = await createVaultServices(ctx, { relay: 'off' });
          try {
            return await vault.detokenizer.detokenize({ tenantId: o.tenant, reason: o.reason, actor: o.actor, tokens: o.token, text });
          } catch (err) {
            // One line, code first; the message holds counts and codes only, never values.
            if (isDetokenizeRefused(err)) throw new CommandFailure(`${err.message}${err.eventId ? ` [audit event ${err.eventId}]` : ''}`, 1);
            throw err;
          } finally {
            await vault.close();
          }
        });
        if (o.json) return printJson(result);
        if (result.text !== undefined) process.stdout.write(result.text);
        else for (const v of result.values ?? []) process.stdout.write(`${v.token}\t${v.value}\n`);
      }),
    );
}
