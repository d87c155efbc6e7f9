import type { Command } from 'commander';
import { writeReport } from '../../report/write-report';
import { action, printJson, withApp } from '../run-command';

/**
 * `sentinel report`: one self-contained HTML file (inline SVG charts, no scripts) an operator can
 * mail or archive — decisions, entity types, injection rate, detokenizations, audit integrity.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("write a tenant's HTML report: decisions over time, top entity types, injection rate, detokenizations, chain and anchor status")
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--since <period>', 'start of the period: 7d, 24h, 90m, 2w or an ISO date', '7d')
    .option('--out <file>', 'output HTML file', 'report.html')
    .option('--json', 'print a JSON summary instead of the path')
    .action(
      action(async (o: { tenant: string; since: string; out: string; json?: boolean }) => {
        const r = await withApp('cli', (ctx) => writeReport(ctx, { tenantId: o.tenant, since: o.since, out: o.out }));
        const decisions = r.data.decisions.reduce((s, b) => s + Object.values(b.counts).reduce((a, n) => a + n, 0), 0);
        if (o.json) {
          printJson({ path: r.path, bytes: r.bytes, decisions, chainOk: r.data.chain.ok, chainVerified: r.data.chain.verified, latestAnchor: r.data.anchor.latest });
        } else {
          process.stdout.write(`report written: ${r.path} (${decisions} decisions, chain ${r.data.chain.ok ? 'verifies' : 'BROKEN'})\n`);
        }
      }),
    );
}
