import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client';
import { PipelineRejection } from '../../pipelines/errors';
import type { RawPrompt } from '../../schemas/types';
import { TopicCodec } from '../../workers/adapters/registry/topic-codec';
import { localSchema } from '../../workers/adapters/registry/schema-files';
import { isolatedEnv } from '../support/test-env';

describe('topic codec against the real schema registry', () => {
  const { env } = isolatedEnv('codec');
  const registry = new SchemaRegistryClient({ baseURLs: [env.SCHEMA_REGISTRY_URL] });
  const topic = `${env.TOPIC_PREFIX}sentinel.prompts.raw`;
  const codec = new TopicCodec<RawPrompt>(registry, 'promptsRaw', topic);
  const prompt: RawPrompt = { tenant_id: '5f0c8a4e-2a51-4a8e-9b1d-0d6f0c8e1a11', request_id: 'r-1', text: 'héllo wörld ✓', conversation_id: null, user_id: 'u', metadata: { a: 'b' }, ts: 1700000000000 };

  beforeAll(() => codec.init());

  const rejection = async (bytes: Buffer) => {
    try {
      await codec.decode(bytes);
    } catch (err) {
      return err instanceof PipelineRejection ? err.code : `unexpected ${String(err)}`;
    }
    return 'accepted';
  };

  it('round-trips Confluent-framed Avro with the registered id', async () => {
    const bytes = codec.encode(prompt);
    expect(bytes[0]).toBe(0);
    expect(await codec.decode(bytes)).toEqual(prompt);
  });

  it('accepts plain JSON on an input topic, filling optional fields', async () => {
    const decoded = await codec.decode(Buffer.from(JSON.stringify({ tenant_id: prompt.tenant_id, request_id: 'r-2', text: 'x' })));
    expect(decoded).toMatchObject({ request_id: 'r-2', conversation_id: null, metadata: null, ts: null });
  });

  it('reads data written with a newer (backward-compatible) writer schema', async () => {
    const v2 = JSON.parse(localSchema('promptsRaw').text) as { fields: unknown[] };
    v2.fields.push({ name: 'locale', type: ['null', 'string'], default: null });
    const id = await registry.register(`${topic}-value`, { schemaType: 'AVRO', schema: JSON.stringify(v2) }, false);
    const avro = await import('avsc');
    const body = avro.Type.forSchema(v2 as never).toBuffer({ ...prompt, locale: 'de' });
    const header = Buffer.alloc(5);
    header.writeUInt32BE(id, 1);
    expect(await codec.decode(Buffer.concat([header, body]))).toEqual(prompt);
  });

  it.each([
    ['unknown schema id', Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]), 'decode_failed'],
    ['truncated header', Buffer.from([0, 0, 1]), 'decode_failed'],
    ['not JSON', Buffer.from('hello'), 'decode_failed'],
    ['invalid UTF-8 JSON', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'invalid_utf8'],
    ['JSON of the wrong shape', Buffer.from('{"tenant_id": 5}'), 'schema_violation'],
    ['JSON array', Buffer.from('[1,2]'), 'schema_violation'],
    ['unknown field', Buffer.from(JSON.stringify({ tenant_id: prompt.tenant_id, request_id: 'r', text: 't', extra: 1 })), 'schema_violation'],
  ])('rejects %s with a reason code', async (_name, bytes, code) => {
    expect(await rejection(bytes)).toBe(code);
  });

  it('rejects Avro whose text field is not valid UTF-8', async () => {
    const good = codec.encode({ ...prompt, text: 'abc' });
    const at = good.indexOf(Buffer.from('abc'));
    good[at + 1] = 0xff;
    expect(await rejection(good)).toBe('invalid_utf8');
  });

  it('rejects an Avro body truncated mid-record', async () => {
    const good = codec.encode(prompt);
    expect(await rejection(good.subarray(0, good.length - 4))).toBe('decode_failed');
  });
});
