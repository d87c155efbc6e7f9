import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { localSchema } from '../../workers/adapters/registry/schema-files';

/** Raw input topics that accept plain JSON besides Confluent-framed Avro. */
export type RawKey = 'promptsRaw' | 'logsRaw';

export interface Framing {
  /** The writer schema id registered for each raw subject. */
  readonly writerIds: Readonly<Record<RawKey, number>>;
  /** Ids of other subjects' schemas (readable, but not as this topic) and ids nobody registered. */
  readonly foreignIds: readonly number[];
}

/** Strings the way hostile producers send them: controls, bidi overrides, zero-width, emoji, NUL. */
export const HOSTILE_CHARS = ['\u0000', '\u0007', '\u001b[31m', '\r\n', '\u202e', '\u202d', '\u2066', '\u200b', '\u200d', '\ufeff', '\u00a0', '😀', 'é', 'e\u0301', '"', '\\', '[[tok:', ']]', '<|im_start|>'];
const hostileString = (max: number) =>
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: max }).map((a) => a.join(''));

export function frame(id: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id >>> 0, 1);
  return Buffer.concat([header, body]);
}

/** A schema-valid record for the topic (prompt or log), with the given tenant and request id. */
export function record(key: RawKey, tenantId: string, requestId: string, text: string, metadata: Record<string, string> | null = null): Record<string, unknown> {
  return key === 'promptsRaw'
    ? { tenant_id: tenantId, request_id: requestId, text, conversation_id: null, user_id: null, metadata, ts: Date.now() }
    : { tenant_id: tenantId, request_id: requestId, line: text, service: 'fuzz', metadata, ts: null };
}

export function avro(key: RawKey, f: Framing, rec: Record<string, unknown>): Buffer {
  return frame(f.writerIds[key], localSchema(key).type.toBuffer(rec));
}

/** Replaces a run of 'X' (same length, so Avro length prefixes stay right) with invalid UTF-8. */
const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];
function withInvalidUtf8(buf: Buffer, pick: number): Buffer {
  const seq = INVALID_UTF8[pick % INVALID_UTF8.length]!;
  const at = buf.indexOf('XXXXXXXX');
  const out = Buffer.from(buf);
  if (at >= 0) Buffer.from(seq).copy(out, at);
  return out;
}

/** JSON text nested `depth` levels (built as text: JSON.stringify itself would overflow the stack). */
function nested(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"a":')).join('');
  const close = Array.from({ length: depth }, (_, i) => (i % 2 ? ']' : '}')).reverse().join('');
  return `${open}"leaf"${close}`;
}

/**
 * Bad raw values, by kind. Everything that could still decode carries `tenantId` (pass an unknown
 * tenant when the value must end in the DLQ whatever the mutation did).
 */
export function badValues(key: RawKey, f: Framing, tenantId: string): Record<string, fc.Arbitrary<Buffer>> {
  const rec = (text: string, meta: Record<string, string> | null = null) => record(key, tenantId, `bad-${randomUUID()}`, text, meta);
  const validAvro = hostileString(40).map((t) => avro(key, f, rec(t)));
  return {
    random_bytes: fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    framed_garbage: fc.tuple(fc.constantFrom(f.writerIds[key], ...f.foreignIds), fc.uint8Array({ maxLength: 300 })).map(([id, b]) => frame(id, Buffer.from(b))),
    truncated_avro: fc.tuple(validAvro, fc.nat()).map(([b, n]) => b.subarray(0, n % b.length)),
    mutated_avro: fc.tuple(validAvro, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 })).map(([b, flips]) => {
      const out = Buffer.from(b);
      for (const [at, v] of flips) out[at % out.length] = v;
      return out;
    }),
    wrong_schema_id: fc.tuple(validAvro, fc.constantFrom(...f.foreignIds)).map(([b, id]) => frame(id, b.subarray(5))),
    json_wrong_shape: fc.oneof(
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.dictionary(fc.constantFrom('tenant_id', 'request_id', 'text', 'line', 'metadata', 'ts', 'extra'), fc.jsonValue()).map((o) => Buffer.from(JSON.stringify(o))),
    ),
    json_not_json: fc.string({ maxLength: 200 }).map((s) => Buffer.from(`{${s}`)),
    invalid_utf8_json: fc.tuple(hostileString(10), fc.nat()).map(([t, n]) => withInvalidUtf8(Buffer.from(JSON.stringify(rec(`${t}XXXXXXXX`))), n)),
    invalid_utf8_avro: fc.tuple(hostileString(10), fc.nat()).map(([t, n]) => withInvalidUtf8(avro(key, f, rec(`${t}XXXXXXXX`)), n)),
    nested_metadata: fc.integer({ min: 1, max: 20_000 }).map((d) => Buffer.from(`${JSON.stringify(rec('hi')).slice(0, -1)},"metadata":${nested(d)}}`.replace('"metadata":null,', ''))),
    huge_metadata: fc.integer({ min: 100, max: 5000 }).map((n) => {
      const meta: Record<string, string> = {};
      for (let i = 0; i < n; i++) meta[`k${i}\u202e`] = 'v'.repeat(i % 50);
      return n % 2 ? avro(key, f, rec('meta', meta)) : Buffer.from(JSON.stringify(rec('meta', meta)));
    }),
    empty: fc.constant(Buffer.alloc(0)),
  };
}

/** Values that decode (hostile content, maybe unknown or malformed tenants): record or rejection. */
export function decodableValues(key: RawKey, f: Framing, tenants: readonly string[]): fc.Arbitrary<Buffer> {
  const tenant = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...tenants) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) });
  return fc.tuple(tenant, hostileString(60), fc.boolean()).map(([t, text, json]) => {
    const r = record(key, t, `ok-${text.length}`, text);
    return json ? Buffer.from(JSON.stringify(r)) : avro(key, f, r);
  });
}
