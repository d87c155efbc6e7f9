import type { Command } from 'commander';
import { bootstrap } from '../../runtime/app-context';
import { action, printJson, withApp } from '../run-command';

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description('apply Postgres migrations and ClickHouse DDL, create topics, register Avro schemas (idempotent)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const result = await withApp('setup', bootstrap);
        if (opts.json) printJson(result);
        else process.stdout.write(`setup ok: ${result.migrations.length} migration(s) applied, ${result.topicsCreated.length} topic(s) created\n`);
      }),
    );
}
