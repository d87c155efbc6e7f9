import type { Command } from 'commander';
import { eraseTenant } from '../../jobs/erase-tenant';
import { createVaultServices } from '../../vault/vault-services';
import { action, CommandFailure, printJson, withApp } from '../run-command';

/**
 * `sentinel tenant erase --tenant T --yes`: right to be forgotten. Crypto-shreds every key version,
 * deletes the vault rows in audited batches and records the erasure, leaving the audit log
 * verifiable (it holds no plaintext).
 */
export function registerTenantEraseCommand(tenant: Command): void {
  tenant
    .command('erase')
    .description('right to be forgotten: crypto-shred keys, delete vault rows, mark deleted, audit the erasure')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--yes', "confirm: the tenant's vault originals become unrecoverable (irreversible)")
    .option('--actor <id>', 'who is erasing (recorded in the audit event)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { tenant: string; yes?: boolean; actor?: string; json?: boolean }) => {
        if (!o.yes) throw new CommandFailure('erasure is irreversible; add --yes to confirm', 2);
        const r = await withApp('cli-erase', async (ctx) => {
          // One-shot: no LISTEN connection; close() drains what this run wrote to the outbox.
          const vault = await createVaultServices(ctx, { relay: 'off' });
          try {
            return await eraseTenant({ app: ctx.pg.app, audit: vault.audit, keys: vault.keys }, o.tenant, { actor: o.actor });
          } finally {
            await vault.close();
          }
        });
        if (o.json) printJson(r);
        else process.stdout.write(`erased: ${r.keysDestroyed} key version(s) destroyed, ${r.vaultRowsDeleted} vault row(s) deleted; event ${r.erasureEventId}\n`);
      }),
    );
}
