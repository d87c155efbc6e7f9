import { chainHash } from '../../../pipelines/audit';
import { auditEventOf, chainAppend } from '../../../pipelines/stages/audit.stage';
import { syntheticDecision } from '../../support/audit-fixtures';

/** chainAppend splices the canonical event around the canonical payload; it must equal chainHash. */
describe('chainAppend fast path', () => {
  it('hashes exactly like chainHash(prev, auditEventOf(event))', () => {
    let head = null as ReturnType<typeof chainAppend>['head'] | null;
    for (let i = 0; i < 200; i++) {
      const ev = syntheticDecision('00000000-0000-4000-8000-00000000000a', i);
      if (i % 5 === 0) ev.decision = null;
      if (i % 7 === 0) ev.event_id = `é"\\\n\u2028${i}😀`;
      if (i % 11 === 0) ev.ts = 1.7e15 + i;
      const { row, head: next } = chainAppend(head, ev, { topic: 't', partition: 0, offset: String(i) });
      expect(row.hash).toBe(chainHash(head?.hash ?? null, auditEventOf(ev, i)).toString('hex'));
      head = next;
    }
  });
});
