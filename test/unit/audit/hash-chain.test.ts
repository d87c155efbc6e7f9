import { createHash } from 'node:crypto';
import { chainHash, ChainVerifier, GENESIS_PREV_HASH, hashableEvent, type AuditEvent, type ChainRow } from '../../../pipelines/audit';

function event(seq: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    tenant_id: '6f1c2d4e-0000-4000-8000-000000000001',
    seq,
    event_id: `evt-${seq}`,
    event_type: 'decision',
    ts: 1_700_000_000_000 + seq,
    decision: seq % 2 === 0 ? 'allow' : 'encrypt',
    payload: { matched_rules: ['pii.email'], findings: [{ entity: 'EMAIL_ADDRESS', start: 3, end: 20, score: 0.9 }] },
    ...over,
  };
}

function buildChain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_PREV_HASH;
  for (let seq = 0; seq < n; seq += 1) {
    const ev = hashableEvent(event(seq));
    const hash = chainHash(prev, ev);
    rows.push({ seq, prevHash: prev, hash, event: ev });
    prev = hash;
  }
  return rows;
}

function verifyAll(rows: readonly ChainRow[], verifier = new ChainVerifier()): ChainVerifier {
  for (const r of rows) verifier.push(r);
  return verifier;
}

describe('chainHash', () => {
  it('is SHA-256(prev || UTF-8(JCS(event))) with 32 zero bytes for the first event', () => {
    const ev = { b: 'é', a: 1 };
    const expected = createHash('sha256').update(Buffer.alloc(32)).update('{"a":1,"b":"é"}', 'utf8').digest();
    expect(chainHash(null, ev).equals(expected)).toBe(true);
    expect(chainHash(Buffer.alloc(32), ev).equals(expected)).toBe(true);
    const next = chainHash(expected, ev);
    expect(next.equals(createHash('sha256').update(expected).update('{"a":1,"b":"é"}').digest())).toBe(true);
  });

  it('rejects a prevHash that is not 32 bytes', () => {
    expect(() => chainHash(Buffer.alloc(31), {})).toThrow(/32 bytes/);
  });

  it('is independent of key order but sensitive to seq and tenant', () => {
    const a = event(3);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(chainHash(null, a).equals(chainHash(null, reordered))).toBe(true);
    expect(chainHash(null, a).equals(chainHash(null, event(4, { event_id: 'evt-3', ts: a.ts, decision: a.decision })))).toBe(false);
    expect(chainHash(null, a).equals(chainHash(null, event(3, { tenant_id: 'other' })))).toBe(false);
  });

  it('hashableEvent keeps exactly the hashed fields', () => {
    const row = { ...event(1), prev_hash: 'x', hash: 'y', inserted_at: 5 };
    expect(Object.keys(hashableEvent(row)).sort()).toEqual(['decision', 'event_id', 'event_type', 'payload', 'seq', 'tenant_id', 'ts']);
    expect(() => hashableEvent(event(-1))).toThrow(/seq/);
    expect(() => hashableEvent(event(1, { tenant_id: '' }))).toThrow(/tenant_id/);
  });
});

describe('ChainVerifier', () => {
  const rows = buildChain(50);

  it('accepts an intact chain and exposes the checkpoint', () => {
    const v = verifyAll(rows);
    expect(v.firstBreak).toBeNull();
    expect(v.verifiedCount).toBe(50);
    expect(v.nextSeq).toBe(50);
    expect(v.lastHash.equals(rows[49]!.hash)).toBe(true);
  });

  it('resumes mid-chain from a checkpoint', () => {
    const v = verifyAll(rows.slice(20), new ChainVerifier({ startSeq: 20, startPrevHash: rows[19]!.hash }));
    expect(v.firstBreak).toBeNull();
    expect(v.verifiedCount).toBe(30);
  });

  it('reports a missing row as a seq gap', () => {
    const v = verifyAll([...rows.slice(0, 10), ...rows.slice(11)]);
    expect(v.firstBreak).toMatchObject({ seq: 11, reason: 'seq_gap' });
    expect(v.verifiedCount).toBe(10);
  });

  it('reports swapped rows', () => {
    const swapped = [...rows];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    expect(verifyAll(swapped).firstBreak).toMatchObject({ seq: 6, reason: 'seq_gap' });
  });

  it('reports an edited event as a hash mismatch', () => {
    const edited = rows.map((r) => (r.seq === 7 ? { ...r, event: { ...(r.event as AuditEvent), decision: 'allow!' } } : r));
    expect(verifyAll(edited).firstBreak).toMatchObject({ seq: 7, reason: 'hash_mismatch' });
  });

  it('reports an edited event with recomputed hash as a prev_hash mismatch on the next row', () => {
    const edited = [...rows];
    const ev = { ...(rows[7]!.event as AuditEvent), decision: 'block' };
    edited[7] = { ...rows[7]!, event: ev, hash: chainHash(rows[7]!.prevHash, ev) };
    expect(verifyAll(edited).firstBreak).toMatchObject({ seq: 8, reason: 'prev_hash_mismatch' });
  });

  it('reports a renumbered row whose content still claims the old seq', () => {
    const v = new ChainVerifier();
    v.push(rows[0]!);
    const forged = { ...rows[2]!, seq: 1, prevHash: rows[0]!.hash };
    expect(v.push(forged)).toMatchObject({ seq: 1, reason: 'event_seq_mismatch' });
  });

  it('keeps the first break sticky and flags malformed rows', () => {
    const v = new ChainVerifier();
    expect(v.push({ ...rows[0]!, hash: Buffer.alloc(3) })).toMatchObject({ reason: 'invalid_row' });
    expect(v.push(rows[0]!)).toMatchObject({ reason: 'invalid_row' });
    const bad = new ChainVerifier().push({ ...rows[0]!, event: { seq: 0, x: NaN } });
    expect(bad).toMatchObject({ reason: 'invalid_row' });
    expect(bad?.detail).toMatch(/NaN/);
  });
});
