import type { Command } from 'commander';
import type { KeyPurpose } from '../../keys/tenant-keyring';
import { createVaultServices, type VaultServices } from '../../vault/vault-services';
import { action, CommandFailure, printJson, withApp } from '../run-command';

async function withVault<T>(fn: (vault: VaultServices) => Promise<T>): Promise<T> {
  return withApp('cli-keys', async (ctx) => {
    // One-shot: no LISTEN connection; close() drains what this run wrote to the outbox.
    const vault = await createVaultServices(ctx, { relay: 'off' });
    try {
      return await fn(vault);
    } finally {
      await vault.close();
    }
  });
}

function print(json: boolean | undefined, value: object, line: string): void {
  if (json) printJson(value);
  else process.stdout.write(`${line}\n`);
}

/** Key lifecycle subcommands of `sentinel tenant`: rotate-key, set-kms-key (erasure: tenant-erase.command.ts). */
export function registerTenantKeyCommands(tenant: Command): void {
  tenant
    .command('rotate-key')
    .description('add a new key version for new writes; old versions stay readable (default purpose: data)')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--purpose <purpose>', 'data | token', 'data')
    .option('--allow-token-key', 'confirm rotating the token key: new tokens for the same values (see docs/vault.md)')
    .option('--actor <id>', 'who is rotating (audit)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { tenant: string; purpose: string; allowTokenKey?: boolean; actor?: string; json?: boolean }) => {
        if (o.purpose !== 'data' && o.purpose !== 'token') throw new CommandFailure('--purpose must be data or token', 2);
        if (o.purpose === 'token' && !o.allowTokenKey) throw new CommandFailure('rotating the token key changes tokens; add --allow-token-key to confirm', 2);
        const r = await withVault((v) => v.keys.rotateTenantKey(o.tenant, o.purpose as KeyPurpose, { allowTokenKey: o.allowTokenKey, actor: o.actor }));
        print(o.json, r, `${r.purpose} key v${r.version} active; retired v${r.retired.join(', v') || '-'}`);
      }),
    );
  tenant
    .command('set-kms-key')
    .description("re-wrap all of a tenant's key versions under a new KMS key and record it")
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--kms-key <arn>', 'new KMS key ARN (the old one must still work during the re-wrap)')
    .option('--actor <id>', 'who is changing it (audit)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { tenant: string; kmsKey: string; actor?: string; json?: boolean }) => {
        const r = await withVault((v) => v.keys.rewrapTenantKeys(o.tenant, o.kmsKey, { actor: o.actor }));
        print(o.json, r, `re-wrapped ${r.rewrapped} key version(s) under ${r.wrappingKeyId}`);
      }),
    );
}
