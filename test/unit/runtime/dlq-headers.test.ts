import { carryHeaders, DROPPED_HEADERS, HEADER_LIMITS, ORIGINAL_HEADER_PREFIX, originalHeaders } from '../../../workers/runtime/dlq-headers';
import { deadLetterFor } from '../../../workers/runtime/dead-letter';
import type { TopicCodec } from '../../../workers/adapters/registry/topic-codec';
import type { DeadLetter } from '../../../schemas/types';
import type { InputMessage } from '../../../workers/runtime/messages';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('dead-letter headers', () => {
  it('carries ordinary headers prefixed and restores them unchanged', () => {
    const original = { traceparent: TRACE, 'content-type': Buffer.from('application/json'), 'x-correlation-id': '7d9f0c2e-1b3a-4c5d-8e6f-0a1b2c3d4e5f', 'sentinel-replay-of': 'sentinel.dlq/0/12' };
    const carried = carryHeaders(original);
    expect(carried.dropped).toBe(0);
    expect(Object.keys(carried.headers).every((k) => k.startsWith(ORIGINAL_HEADER_PREFIX))).toBe(true);
    expect(originalHeaders({ ...carried.headers, 'reason-code': 'unknown_tenant' })).toEqual({ ...original, 'content-type': 'application/json' });
  });

  it('drops (and counts) headers that trip the detector, are not UTF-8, too large or multi-valued', () => {
    const carried = carryHeaders({
      'x-user': 'anna.kowalski@example.com',
      'x-card': '4539 1488 0343 6467',
      authorization: 'Bearer ghp_4f8Kq2ZpL0sN7vX1bC9dE3mR6tY5wA2hJ8uI',
      'x-anna.kowalski@example.com': 'yes',
      'x-bin': Buffer.from([0xff, 0xfe, 0x00]),
      'x-big': 'a'.repeat(HEADER_LIMITS.valueBytes + 1),
      'x-multi': ['a', 'b'],
      'x-ok': 'fine',
      'x-undefined': undefined,
    });
    expect(carried.headers).toEqual({ 'original-header.x-ok': 'fine', 'original-header.x-multi': 'a' });
    expect(carried.dropped).toBe(7);
    expect(JSON.stringify(carried)).not.toMatch(/kowalski|4539|ghp_/);
  });

  it('bounds the number and total size of carried headers', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`h${i}`, 'v']));
    expect(carryHeaders(many)).toMatchObject({ dropped: 50 - HEADER_LIMITS.count });
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`w${i}`, 'x'.repeat(1000)]));
    const c = carryHeaders(wide);
    expect(Object.keys(c.headers).length).toBe(8);
    expect(c.dropped).toBe(12);
  });

  it('puts carried headers and the dropped count on the DLQ record, routing headers intact', () => {
    const codec = { encode: () => Buffer.from('x') } as unknown as TopicCodec<DeadLetter>;
    const m: InputMessage = { topic: 'raw', partition: 1, offset: '7', key: null, value: Buffer.from('{}'), headers: { traceparent: TRACE, 'x-user': 'jo@example.com' }, timestamp: '0' };
    const rec = deadLetterFor(codec, Buffer.alloc(32, 3), 'pipeline', m, new Error('boom'), null);
    expect(rec.headers).toMatchObject({ 'original-header.traceparent': TRACE, [DROPPED_HEADERS]: '1', 'reason-code': 'stage_failed', 'original-offset': '7' });
    expect(JSON.stringify(rec.headers)).not.toContain('jo@example.com');
  });
});
