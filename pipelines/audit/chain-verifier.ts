/**
 * Streaming verifier for a tenant hash chain. Rows arrive in seq order (e.g. straight from a
 * ClickHouse cursor); only the expected seq and the last verified hash are kept, so memory is O(1)
 * regardless of chain length and a multi-billion-row audit can be checked in one pass.
 */
import { chainHash, GENESIS_PREV_HASH, HASH_SIZE } from './hash-chain';

export interface ChainRow {
  readonly seq: number;
  /** prev_hash column as stored. */
  readonly prevHash: Buffer;
  /** hash column as stored. */
  readonly hash: Buffer;
  /** The hashed content (normally hashableEvent(row)). */
  readonly event: object;
}

export type ChainBreakReason =
  | 'seq_gap' // row.seq is not the expected next seq (missing, duplicated or reordered row)
  | 'prev_hash_mismatch' // stored prev_hash differs from the previous row's hash
  | 'hash_mismatch' // stored hash differs from SHA-256(prev_hash || JCS(event))
  | 'event_seq_mismatch' // the seq inside the hashed event differs from the seq column
  | 'invalid_row'; // malformed hash sizes or an event that cannot be canonicalized

export interface ChainBreak {
  readonly seq: number;
  readonly reason: ChainBreakReason;
  readonly detail: string;
}

export interface ChainVerifierOptions {
  /** Seq of the first row to be fed; default 0. */
  readonly startSeq?: number;
  /**
   * Hash the first fed row must chain from: the genesis value (default) when starting at seq 0,
   * or the hash of row startSeq-1 taken from a trusted checkpoint when resuming mid-chain.
   */
  readonly startPrevHash?: Buffer;
}

export class ChainVerifier {
  private expectedSeq: number;
  private prev: Buffer;
  private count = 0;
  private broken: ChainBreak | null = null;

  constructor(options: ChainVerifierOptions = {}) {
    this.expectedSeq = options.startSeq ?? 0;
    this.prev = options.startPrevHash ?? GENESIS_PREV_HASH;
    if (this.prev.length !== HASH_SIZE) throw new RangeError('startPrevHash must be 32 bytes');
  }

  /** Feeds the next row; returns the first break (sticky: later rows are ignored) or null. */
  push(row: ChainRow): ChainBreak | null {
    if (this.broken) return this.broken;
    const failure = this.check(row);
    if (failure) {
      this.broken = { seq: row.seq, ...failure };
      return this.broken;
    }
    this.prev = row.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return null;
  }

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  /** Number of rows that verified before the first break (or all rows so far). */
  get verifiedCount(): number {
    return this.count;
  }

  /** Hash of the last verified row: the value to checkpoint for a later resume. */
  get lastHash(): Buffer {
    return this.prev;
  }

  get nextSeq(): number {
    return this.expectedSeq;
  }

  private check(row: ChainRow): Omit<ChainBreak, 'seq'> | null {
    if (row.seq !== this.expectedSeq) {
      return { reason: 'seq_gap', detail: `expected seq ${this.expectedSeq}, got ${row.seq}` };
    }
    if (row.prevHash.length !== HASH_SIZE || row.hash.length !== HASH_SIZE) {
      return { reason: 'invalid_row', detail: 'prev_hash and hash must be 32 bytes' };
    }
    if (!row.prevHash.equals(this.prev)) {
      return { reason: 'prev_hash_mismatch', detail: `prev_hash does not equal hash of seq ${row.seq - 1}` };
    }
    const inner = (row.event as { seq?: unknown }).seq;
    if (inner !== undefined && inner !== row.seq) {
      return { reason: 'event_seq_mismatch', detail: `event.seq ${String(inner)} != row seq ${row.seq}` };
    }
    let computed: Buffer;
    try {
      computed = chainHash(row.prevHash, row.event);
    } catch (err) {
      return { reason: 'invalid_row', detail: err instanceof Error ? err.message : String(err) };
    }
    if (!computed.equals(row.hash)) {
      return { reason: 'hash_mismatch', detail: `stored hash does not match recomputed ${computed.toString('hex')}` };
    }
    return null;
  }
}
