import type { Pool } from 'pg';
import {
  assembleProof,
  ed25519PrivateKeyFromSeed,
  ed25519RawPublicKey,
  GENESIS_PREV_HASH,
  leafHash,
  MerkleFrontier,
  planConsistencyProof,
  signTreeHead,
  verifyConsistency,
  type NodeId,
} from '../../pipelines/audit';
import { AnchorStore, type StoredAnchor } from '../audit/anchor.store';
import { EventHashesReader } from '../audit/event-hashes.reader';
import { MerkleIntegrityError, MerkleNodeStore, STORED_MIN_LEVEL, type MerkleNode } from '../audit/merkle-node.store';
import { verifySth } from '../audit/sth-json';
import { SentinelError } from '../errors';
import { logger } from '../observability/logger';
import { anchorDurationSeconds, anchorIntegrityFailuresTotal, anchorRunsTotal } from '../observability/metrics';
import type { AppContext } from '../runtime/app-context';

/** System key whose 32 unwrapped bytes are the Ed25519 seed of every tree head signature. */
export const ANCHOR_SIGNING_KEY_ID = 'anchor-signing-v1';
const LOCK_CLASS = 727275;
const FLUSH_NODES = 20_000;

export interface AnchorDeps {
  readonly app: Pool;
  readonly events: EventHashesReader;
  readonly nodes: MerkleNodeStore;
  readonly anchors: AnchorStore;
  readonly signingSeed: () => Promise<Buffer>;
}

export interface AnchorOptions {
  /** Recompute the anchored prefix from every stored event hash (O(n)) instead of spot checks. */
  readonly deep?: boolean;
  /** Most leaves appended per run, so one run's duration stays bounded; the rest waits for the next. */
  readonly maxLeaves?: number;
  readonly now?: () => number;
}

export type AnchorOutcome = { readonly status: 'anchored' | 'unchanged'; readonly anchor: StoredAnchor | null } | { readonly status: 'locked'; readonly anchor: null };

/** The stored log contradicts a signed tree head: history was rewritten. Never retried. */
export class AnchorIntegrityError extends SentinelError {
  constructor(tenantId: string, detail: string) {
    super(`audit log of tenant ${tenantId} is inconsistent with its signed history: ${detail}`, false, 'anchor_integrity');
  }
}

export function anchorDepsFor(ctx: AppContext): AnchorDeps {
  const events = new EventHashesReader(ctx.ch, ctx.env.CLICKHOUSE_DATABASE);
  return {
    app: ctx.pg.app,
    events,
    nodes: new MerkleNodeStore(ctx.pg.app, events),
    anchors: new AnchorStore(ctx.pg.app, ctx.ch, ctx.env.CLICKHOUSE_DATABASE),
    signingSeed: () => ctx.systemKeys.get(ANCHOR_SIGNING_KEY_ID),
  };
}

/**
 * One anchoring run for a tenant: extend the last anchor's frontier with the event hashes after
 * it (streamed in seq order), store completed subtrees, prove the new tree consistent with the
 * previous signed head, then sign and store the new head. A per-tenant advisory lock makes it one
 * run per tenant at a time across all workers and the CLI.
 */
export async function anchorTenant(deps: AnchorDeps, tenantId: string, opts: AnchorOptions = {}): Promise<AnchorOutcome> {
  const timer = anchorDurationSeconds.startTimer();
  const lock = await deps.app.connect();
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_CLASS, tenantId]);
    if (!got.rows[0]?.ok) {
      anchorRunsTotal.inc({ result: 'skipped_locked' });
      return { status: 'locked', anchor: null };
    }
    try {
      const outcome = await runLocked(deps, tenantId, opts);
      anchorRunsTotal.inc({ result: outcome.status });
      return outcome;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, tenantId]).catch(() => undefined);
    }
  } catch (err) {
    const integrity = err instanceof AnchorIntegrityError;
    anchorRunsTotal.inc({ result: integrity ? 'rewritten' : 'failed' });
    if (integrity) {
      anchorIntegrityFailuresTotal.inc();
      logger.error({ stage: 'merkle-anchor', tenantId, code: 'anchor_integrity', detail: err.message }, 'AUDIT LOG REWRITTEN: anchoring refused');
    }
    throw err;
  } finally {
    lock.release();
    timer();
  }
}

async function runLocked(deps: AnchorDeps, tenantId: string, opts: AnchorOptions): Promise<AnchorOutcome> {
  const fail = (detail: string) => new AnchorIntegrityError(tenantId, detail);
  const prev = await deps.anchors.find(tenantId);
  const prevSize = prev?.treeSize ?? 0;
  if (prev) {
    await deps.anchors.mirror(prev);
    if (!verifySth(prev).ok) throw fail(`stored tree head of size ${prevSize} has an invalid signature`);
    await checkPrefix(deps, tenantId, prev, fail);
  }
  const frontier = prev && !opts.deep ? MerkleFrontier.fromState(prev.frontier) : new MerkleFrontier();
  if (prev && frontier.size === prevSize && !frontier.root().equals(prev.rootHash)) throw fail('stored frontier does not match the signed root');
  let pending: MerkleNode[] = [];
  const onNode = (id: NodeId, hash: Buffer) => {
    if (id.level >= STORED_MIN_LEVEL) pending.push({ level: id.level, index: id.index, hash });
  };
  let link = frontier.size === prevSize && prev ? prev.lastEventHash : GENESIS_PREV_HASH;
  const limit = frontier.size + (opts.maxLeaves ?? 5_000_000) + (opts.deep ? prevSize : 0);
  for await (const e of deps.events.stream(tenantId, frontier.size, limit)) {
    const index = frontier.size;
    if (e.seq !== index) throw fail(`expected event seq ${index}, found ${e.seq} (missing or duplicated row)`);
    if (e.hash.length !== 32 || !e.prevHash.equals(link)) throw fail(`event seq ${index} does not chain from seq ${index - 1}`);
    // Nodes of the already anchored range are stored; during a deep replay they are only recomputed.
    frontier.append(leafHash(e.hash), index >= prevSize ? onNode : undefined);
    link = e.hash;
    if (prev && opts.deep && frontier.size === prevSize && !frontier.root().equals(prev.rootHash)) {
      throw fail(`recomputed root of the first ${prevSize} events differs from the signed root`);
    }
    if (pending.length >= FLUSH_NODES) {
      await deps.nodes.put(tenantId, pending);
      pending = [];
    }
  }
  await deps.nodes.put(tenantId, pending);
  if (frontier.size <= prevSize) return { status: 'unchanged', anchor: prev };
  const root = frontier.root();
  if (prev) {
    // Built from the stored nodes and the *current* event rows, checked against the signed old root.
    const plan = planConsistencyProof(prevSize, frontier.size);
    let proof: Buffer[];
    try {
      proof = assembleProof(plan, await deps.nodes.get(tenantId, plan.nodes));
    } catch (err) {
      if (err instanceof MerkleIntegrityError) throw fail(err.message);
      throw err;
    }
    const v = verifyConsistency({ size1: prevSize, size2: frontier.size, root1: prev.rootHash, root2: root, proof });
    if (!v.ok) throw fail(`consistency proof ${prevSize} -> ${frontier.size} does not verify (${v.reason})`);
  }
  const key = ed25519PrivateKeyFromSeed(await deps.signingSeed());
  const sth = signTreeHead({ tenantId, treeSize: frontier.size, rootHash: root, timestamp: (opts.now ?? Date.now)() }, key);
  const anchor: StoredAnchor = { ...sth, publicKey: ed25519RawPublicKey(key), frontier: frontier.toState(), lastEventHash: link };
  await deps.anchors.insert(anchor);
  await deps.anchors.mirror(anchor);
  logger.info({ stage: 'merkle-anchor', tenantId, treeSize: anchor.treeSize, from: prevSize }, 'tree head anchored');
  return { status: 'anchored', anchor };
}

/** Cheap O(1)-query checks that the anchored prefix still has exactly its rows and its last hash. */
async function checkPrefix(deps: AnchorDeps, tenantId: string, prev: StoredAnchor, fail: (d: string) => Error): Promise<void> {
  const size = prev.treeSize;
  const stats = await deps.events.prefixStats(tenantId, size);
  if (stats.rows !== size || stats.distinctSeqs !== size || stats.maxSeq !== size - 1) {
    throw fail(`anchored prefix of ${size} events now has ${stats.rows} rows / ${stats.distinctSeqs} distinct seqs (max ${stats.maxSeq})`);
  }
  const last = await deps.events.ranges(tenantId, [{ start: size - 1, end: size }]);
  if (last.length !== 1 || !last[0]!.hash.equals(prev.lastEventHash)) throw fail(`event seq ${size - 1} differs from the anchored one`);
}
