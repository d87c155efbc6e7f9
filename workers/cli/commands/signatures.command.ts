import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SignatureFileSchema } from '../../../pipelines/detect/injection';
import { withTenant } from '../../adapters/postgres/pools';
import { deactivateSignature, importSignatures, listSignatures, searchSignatures } from '../../signatures/signature.repo';
import { action, CommandFailure, printJson, withApp } from '../run-command';

/** `sentinel signatures import|list|deactivate|search`: the reviewed attack-signature table. */
export function registerSignatureCommands(program: Command): void {
  const sig = program.command('signatures').description('reviewed prompt-injection signatures (pgvector): import with provenance, list, deactivate, search');
  sig
    .command('import')
    .description('embed and store signatures from a JSON file (format of schemas/signatures/global-signatures.json)')
    .requiredOption('--file <path>', 'signature file')
    .requiredOption('--source <source>', 'where the signatures come from (recorded)')
    .requiredOption('--reviewer <name>', 'who reviewed them (recorded)')
    .option('--tenant <uuid>', 'tenant-specific signatures (default: global, for every tenant)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (o: { file: string; source: string; reviewer: string; tenant?: string; json?: boolean }) => {
        const parsed = SignatureFileSchema.safeParse(JSON.parse(readFileSync(o.file, 'utf8')));
        if (!parsed.success) throw new CommandFailure(`${o.file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 1);
        const entries = parsed.data.signatures.map((s) => ({ id: s.id, label: s.label, text: s.text, description: s.description, threshold: s.threshold }));
        const n = await withApp('cli', (ctx) =>
          o.tenant
            ? withTenant(ctx.pg.app, o.tenant, (c) => importSignatures(c, { tenantId: o.tenant!, entries, source: o.source, reviewer: o.reviewer }))
            : importSignatures(ctx.pg.admin, { tenantId: null, entries, source: o.source, reviewer: o.reviewer }),
        );
        if (o.json) printJson({ imported: n });
        else process.stdout.write(`imported ${n} signature(s) (${o.tenant ? `tenant ${o.tenant}` : 'global'}), source ${o.source}, reviewed by ${o.reviewer}\n`);
      }),
    );
  sig
    .command('list')
    .description('list signatures of a tenant, or the global ones')
    .option('--tenant <uuid>', 'tenant (default: global)')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { tenant?: string; json?: boolean }) => {
        const rows = await withApp('cli', (ctx) => listSignatures(ctx.pg.admin, o.tenant ?? null));
        const out = rows.map(({ embedding: _e, ...r }) => r);
        if (o.json) return printJson(out);
        for (const r of out) process.stdout.write(`${r.active ? 'active  ' : 'inactive'} ${r.vectorId.padEnd(36)} ${r.label.padEnd(22)} t=${r.threshold} ${r.source} / ${r.reviewedBy}\n`);
      }),
    );
  sig
    .command('deactivate')
    .description('deactivate a signature (by row id or vector id)')
    .argument('<id>', 'signature id or vector id')
    .action(
      action(async (id: string) => {
        if (!(await withApp('cli', (ctx) => deactivateSignature(ctx.pg.admin, id)))) throw new CommandFailure(`no signature ${id}`);
        process.stdout.write(`deactivated ${id}\n`);
      }),
    );
  sig
    .command('search')
    .description('nearest stored signatures to a text (cosine, through the pgvector index)')
    .requiredOption('--tenant <uuid>', 'tenant whose view (its own + global) to search')
    .requiredOption('--text <text>', 'text to compare')
    .option('--k <n>', 'how many', (v) => Number.parseInt(v, 10), 5)
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { tenant: string; text: string; k: number; json?: boolean }) => {
        const hits = await withApp('cli', (ctx) => withTenant(ctx.pg.app, o.tenant, (c) => searchSignatures(c, o.text, o.k)));
        if (o.json) return printJson(hits);
        for (const h of hits) process.stdout.write(`${h.similarity.toFixed(3)}  ${h.vectorId.padEnd(36)} ${h.label}\n`);
      }),
    );
}
