import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.command';
import { registerBackfillCommand } from './commands/backfill.command';
import { registerCryptoCommands } from './commands/crypto.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerDetectCommand } from './commands/detect.command';
import { registerDlqCommands } from './commands/dlq.command';
import { registerEvalCommand } from './commands/eval.command';
import { registerPolicyCommands } from './commands/policy.command';
import { registerProduceCommand } from './commands/produce.command';
import { registerReportCommand } from './commands/report.command';
import { registerDetokenizeCommand } from './commands/detokenize.command';
import { registerSignatureCommands } from './commands/signatures.command';
import { registerSetupCommand } from './commands/setup.command';
import { registerTailCommand } from './commands/tail.command';
import { registerTenantCommands } from './commands/tenant.command';
import { registerTenantEraseCommand } from './commands/tenant-erase.command';
import { registerWorkerCommand } from './commands/worker.command';

/** `sentinel`: the operator's command line. Each command group lives in its own file. */
const program = new Command()
  .name('sentinel')
  .description('Sentinel + CipherMesh: detect, decide, tokenize and audit LLM traffic on Kafka')
  .version('0.1.0')
  // Program options only before the subcommand, so `policy publish --version 1.2.0` is the policy's version.
  .enablePositionalOptions()
  .showHelpAfterError();

registerSetupCommand(program);
registerWorkerCommand(program);
registerTenantCommands(program);
registerTenantEraseCommand(program.commands.find((c) => c.name() === 'tenant')!);
registerAuditCommands(program);
registerDetectCommand(program);
registerSignatureCommands(program);
registerEvalCommand(program);
registerCryptoCommands(program);
registerDetokenizeCommand(program);
registerDemoCommand(program);
registerPolicyCommands(program);
registerProduceCommand(program);
registerTailCommand(program);
registerReportCommand(program);
registerDlqCommands(program);
registerBackfillCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`sentinel: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(1);
});
