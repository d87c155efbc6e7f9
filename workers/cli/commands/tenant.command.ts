import type { Command } from 'commander';
import { createTenant, listTenants } from '../../adapters/postgres/tenants.repo';
import { action, printJson, withApp } from '../run-command';
import { registerTenantKeyCommands } from './tenant-keys.command';

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('manage tenants');
  tenant
    .command('create')
    .description('create a tenant')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--slug <slug>', 'unique URL-friendly id')
    .option('--region <region>', 'data residency region', 'eu-west-1')
    .option('--id <uuid>', 'tenant id (default: random)')
    .option('--kms-key <arn>', 'KMS key ARN for this tenant (BYOK)')
    .option('--json', 'print the tenant as JSON')
    .action(
      action(async (o: { name: string; slug: string; region: string; id?: string; kmsKey?: string; json?: boolean }) => {
        const t = await withApp('cli', (ctx) => createTenant(ctx.pg.admin, { name: o.name, slug: o.slug, region: o.region, id: o.id, kmsKeyArn: o.kmsKey }));
        if (o.json) printJson(t);
        else process.stdout.write(`${t.id}\n`);
      }),
    );
  tenant
    .command('list')
    .description('list tenants')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const all = await withApp('cli', (ctx) => listTenants(ctx.pg.admin));
        if (o.json) return printJson(all);
        for (const t of all) process.stdout.write(`${t.id}  ${t.slug.padEnd(20)} ${t.status.padEnd(9)} ${t.region}\n`);
      }),
    );
  registerTenantKeyCommands(tenant);
}
