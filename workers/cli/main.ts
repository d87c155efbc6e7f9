import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.command';
import { registerCryptoCommands } from './commands/crypto.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerDetectCommand } from './commands/detect.command';
import { registerSetupCommand } from './commands/setup.command';
import { registerTenantCommands } from './commands/tenant.command';
import { registerWorkerCommand } from './commands/worker.command';

/** `sentinel`: the operator's command line. Each command group lives in its own file. */
const program = new Command()
  .name('sentinel')
  .description('Sentinel + CipherMesh: detect, decide, tokenize and audit LLM traffic on Kafka')
  .version('0.1.0')
  .showHelpAfterError();

registerSetupCommand(program);
registerWorkerCommand(program);
registerTenantCommands(program);
registerAuditCommands(program);
registerDetectCommand(program);
registerCryptoCommands(program);
registerDemoCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`sentinel: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(1);
});
