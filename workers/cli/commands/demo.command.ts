import type { Command } from 'commander';
import { runDemo } from '../../demo/demo';
import { action } from '../run-command';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on sample data on the local stack and print what happened')
    .option('--count <n>', 'number of sample prompts', (v) => Number.parseInt(v, 10), 60)
    .action(
      action(async (o: { count: number }) => {
        await runDemo({ count: o.count, out: (line) => process.stdout.write(`${line}\n`) });
      }),
    );
}
