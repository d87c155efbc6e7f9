import type { Command } from 'commander';
import { verifyTenantChain } from '../../audit/verify-chain';
import { action, CommandFailure, printJson, withApp } from '../run-command';
import { registerAuditProofCommands } from './audit-proof.command';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('verify and prove the audit log');
  audit
    .command('verify')
    .description("recompute a tenant's hash chain from ClickHouse; exit 1 naming the first broken link")
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--from <seq>', 'first seq to verify (trusts the stored hash of seq-1)', (v) => Number.parseInt(v, 10))
    .option('--to <seq>', 'last seq to verify', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the report as JSON')
    .action(
      action(async (o: { tenant: string; from?: number; to?: number; json?: boolean }) => {
        const report = await withApp('cli', (ctx) => verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, o.tenant, { from: o.from, to: o.to }));
        if (o.json) printJson(report);
        else if (report.ok) process.stdout.write(`chain ok: ${report.verified} event(s) verified from seq ${report.from}\n`);
        if (!report.ok) {
          const b = report.firstBreak!;
          throw new CommandFailure(`chain broken at seq ${b.seq}: ${b.reason} (${b.detail}); ${report.verified} event(s) verified before it`);
        }
      }),
    );
  registerAuditProofCommands(audit);
}
