import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseConsistencyProofJson, parseInclusionProofJson, toConsistencyProofJson, toInclusionProofJson, verifyConsistency, verifyInclusion } from '../../../pipelines/audit';
import { parseSthDocument, toSthDocument, verifySth } from '../../audit/sth-json';
import { proveConsistency, proveEvent } from '../../audit/audit-proofs';
import { anchorDepsFor, anchorTenant } from '../../jobs/merkle-anchor.job';
import { action, CommandFailure, withApp } from '../run-command';

const int = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new CommandFailure(`not a non-negative integer: ${v}`, 2);
  return Number(v);
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `--sth FILE [--public-key B64]`: the proof's size and root must be the signed ones. */
function checkAgainstSth(o: { sth?: string; publicKey?: string }, size: number, root: Buffer): string | null {
  if (!o.sth) return null;
  const sth = parseSthDocument(readFileSync(o.sth, 'utf8'));
  const sig = verifySth(sth, o.publicKey ? Buffer.from(o.publicKey, 'base64') : undefined);
  if (!sig.ok) return sig.reason ?? 'STH does not verify';
  if (sth.treeSize !== size) return `proof tree size ${size} is not the signed size ${sth.treeSize}`;
  if (!sth.rootHash.equals(root)) return 'proof root is not the signed root';
  return null;
}

/**
 * Proof commands of issue 7. verify-inclusion / verify-consistency are offline: they read JSON on
 * stdin and never create an app context (importing the other modules opens no connection).
 */
export function registerAuditProofCommands(audit: Command): void {
  audit
    .command('anchor')
    .description('anchor a tenant now: extend its Merkle tree, check consistency, sign; prints the signed tree head')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .option('--deep', 'recompute the already anchored prefix from every event hash first')
    .action(
      action(async (o: { tenant: string; deep?: boolean }) => {
        const out = await withApp('cli', (ctx) => anchorTenant(anchorDepsFor(ctx), o.tenant, { deep: o.deep }));
        if (out.status === 'locked') throw new CommandFailure('another anchoring run holds this tenant; try again');
        if (!out.anchor) throw new CommandFailure(`tenant ${o.tenant} has no audit events to anchor`);
        process.stdout.write(`${JSON.stringify({ status: out.status, ...toSthDocument(out.anchor, out.anchor.publicKey) })}\n`);
      }),
    );
  audit
    .command('prove')
    .description('inclusion proof (transparency-dev JSON, base64) of an event against the latest signed tree head')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--event <id>', 'event id')
    .option('--with-sth', 'also write the signed tree head JSON to stderr')
    .action(
      action(async (o: { tenant: string; event: string; withSth?: boolean }) => {
        const { proof, anchor } = await withApp('cli', (ctx) => proveEvent(anchorDepsFor(ctx), o.tenant, o.event));
        process.stdout.write(`${toInclusionProofJson(proof)}\n`);
        if (o.withSth) process.stderr.write(`${JSON.stringify(toSthDocument(anchor, anchor.publicKey))}\n`);
      }),
    );
  audit
    .command('consistency')
    .description('consistency proof between two tree sizes (up to the latest signed tree head)')
    .requiredOption('--tenant <uuid>', 'tenant id')
    .requiredOption('--from <n>', 'older tree size', int)
    .option('--to <m>', 'newer tree size (default: latest signed size)', int)
    .option('--with-sth', 'also write the latest signed tree head JSON to stderr')
    .action(
      action(async (o: { tenant: string; from: number; to?: number; withSth?: boolean }) => {
        const { proof, anchor } = await withApp('cli', (ctx) => proveConsistency(anchorDepsFor(ctx), o.tenant, o.from, o.to));
        process.stdout.write(`${toConsistencyProofJson(proof)}\n`);
        if (o.withSth) process.stderr.write(`${JSON.stringify(toSthDocument(anchor, anchor.publicKey))}\n`);
      }),
    );
  audit
    .command('verify-inclusion')
    .description('read an inclusion proof JSON on stdin; exit 0 if it verifies, 1 if not (no database needed)')
    .option('--sth <file>', 'signed tree head JSON: also check its signature and that size and root are the signed ones')
    .option('--public-key <base64>', 'pin the Ed25519 public key the STH must be signed with')
    .action(
      action(async (o: { sth?: string; publicKey?: string }) => {
        const p = parseInclusionProofJson(await readStdin());
        const v = verifyInclusion(p);
        if (!v.ok) throw new CommandFailure(`inclusion proof does not verify: ${v.reason}`);
        const sthErr = checkAgainstSth(o, p.treeSize, p.root);
        if (sthErr) throw new CommandFailure(sthErr);
        process.stdout.write(`ok: leaf ${p.leafIdx} is in the tree of size ${p.treeSize}${o.sth ? ' (signed tree head verified)' : ''}\n`);
      }),
    );
  audit
    .command('verify-consistency')
    .description('read a consistency proof JSON on stdin; exit 0 if it verifies, 1 if not (no database needed)')
    .option('--sth <file>', 'signed tree head JSON of size2: also check its signature, size and root')
    .option('--public-key <base64>', 'pin the Ed25519 public key the STH must be signed with')
    .action(
      action(async (o: { sth?: string; publicKey?: string }) => {
        const p = parseConsistencyProofJson(await readStdin());
        const v = verifyConsistency(p);
        if (!v.ok) throw new CommandFailure(`consistency proof does not verify: ${v.reason}`);
        const sthErr = checkAgainstSth(o, p.size2, p.root2);
        if (sthErr) throw new CommandFailure(sthErr);
        process.stdout.write(`ok: tree of size ${p.size1} is a prefix of the tree of size ${p.size2}\n`);
      }),
    );
}
