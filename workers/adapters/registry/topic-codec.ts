import avro from 'avsc';

type Resolver = ReturnType<avro.Type['createResolver']>;
import { SchemaRegistryClient, Compatibility } from '@confluentinc/schemaregistry/dist/schemaregistry-client';
import { JSON_ACCEPTING_TOPICS, subjectFor, type TopicKey } from '../../../schemas/topics';
import { PipelineRejection } from '../../../pipelines/errors';
import { DependencyUnavailableError } from '../../errors';
import { localSchema } from './schema-files';
import { fromPlainJson } from './plain-json';

const MAGIC = 0;

/**
 * avsc reads a map or array block count and loops that many times even when the buffer has long
 * run out (it checks for overflow only at the end), so a 30-byte value announcing 2^60 map entries
 * pins the CPU for ever: the worker stops heartbeating and every worker that takes the partition
 * over hangs on it too. Every map entry (and every array item whose type is not null) takes at
 * least one byte, so a block count above the bytes left is corrupt input and is rejected. The read
 * and skip loops below are avsc 5.7's own, plus that check; resolvers copy them when created.
 */
interface Tap { pos: number; buf: Buffer; readLong(): number; skipLong(): void; readString(): string; skipString(): void }
interface Inner { typeName: string; _read(tap: Tap): unknown; _skip(tap: Tap): void }
function blockCount(tap: Tap, bounded: boolean, sized: boolean): number {
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    if (sized) tap.skipLong();
    else return -n; // a skipped block carries its byte size: the caller jumps over it
  }
  if (bounded && n > tap.buf.length - tap.pos) throw new Error(`Avro block count ${n} exceeds the ${tap.buf.length - tap.pos} bytes left`);
  return n;
}
function guardBlockCounts(): void {
  const types = (avro as unknown as { types: Record<'MapType' | 'ArrayType', { prototype: Record<string, unknown> }> }).types;
  const skipLoop = (tap: Tap, bounded: boolean, skipItem: () => void) => {
    for (let n = blockCount(tap, bounded, false); n !== 0; n = blockCount(tap, bounded, false)) {
      if (n < 0) tap.pos += tap.readLong();
      else while (n--) skipItem();
    }
  };
  Object.assign(types.MapType.prototype, {
    _read(this: { valuesType: Inner }, tap: Tap) {
      const val: Record<string, unknown> = {};
      for (let n = blockCount(tap, true, true); n; n = blockCount(tap, true, true)) while (n--) val[tap.readString()] = this.valuesType._read(tap);
      return val;
    },
    _skip(this: { valuesType: Inner }, tap: Tap) {
      skipLoop(tap, true, () => (tap.skipString(), this.valuesType._skip(tap)));
    },
  });
  Object.assign(types.ArrayType.prototype, {
    _read(this: { itemsType: Inner }, tap: Tap) {
      const bounded = this.itemsType.typeName !== 'null';
      const val: unknown[] = [];
      for (let n = blockCount(tap, bounded, true); n; n = blockCount(tap, bounded, true)) while (n--) val.push(this.itemsType._read(tap));
      return val;
    },
    _skip(this: { itemsType: Inner }, tap: Tap) {
      skipLoop(tap, this.itemsType.typeName !== 'null', () => this.itemsType._skip(tap));
    },
  });
}
guardBlockCounts();
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes and decodes one topic's values in the Confluent wire format (magic 0, schema id, Avro).
 * The registry client is used for registration and schema lookups; avsc does the (sync, fast)
 * encoding, and a resolver turns any registered writer schema into our reader schema.
 */
export class TopicCodec<T> {
  private writerId: number | undefined;
  private readonly resolvers = new Map<number, Resolver>();

  constructor(
    private readonly registry: SchemaRegistryClient,
    private readonly key: TopicKey,
    private readonly topic: string,
  ) {}

  /** Registers our schema (BACKWARD compatibility) and remembers its id for encoding. */
  async init(): Promise<void> {
    const subject = subjectFor(this.topic);
    const { text } = localSchema(this.key);
    try {
      await this.registry.updateCompatibility(subject, Compatibility.BACKWARD).catch(() => undefined);
      this.writerId = await this.registry.register(subject, { schemaType: 'AVRO', schema: text }, false);
    } catch (err) {
      throw new DependencyUnavailableError('schema registry', err);
    }
  }

  encode(value: T): Buffer {
    if (this.writerId === undefined) throw new Error(`codec for ${this.topic} used before init()`);
    const body = localSchema(this.key).type.toBuffer(value);
    const header = Buffer.allocUnsafe(5);
    header.writeUInt8(MAGIC, 0);
    header.writeUInt32BE(this.writerId, 1);
    return Buffer.concat([header, body]);
  }

  /** Decodes a Confluent-framed Avro value, or (input topics only) a plain JSON value. */
  async decode(bytes: Buffer): Promise<T> {
    if (bytes.length > 0 && bytes[0] === MAGIC) return this.decodeAvro(bytes);
    if (!JSON_ACCEPTING_TOPICS.has(this.key)) throw new PipelineRejection('decode_failed', 'value is not Confluent-framed Avro');
    return this.decodeJson(bytes);
  }

  private async decodeAvro(bytes: Buffer): Promise<T> {
    if (bytes.length < 5) throw new PipelineRejection('decode_failed', 'truncated Confluent header');
    const id = bytes.readUInt32BE(1);
    const resolver = await this.resolverFor(id);
    const reader = localSchema(this.key).type;
    let value: T;
    try {
      value = reader.fromBuffer(bytes.subarray(5), resolver) as T;
    } catch (err) {
      throw new PipelineRejection('decode_failed', `Avro body does not decode with schema id ${id}: ${(err as Error).message.slice(0, 120)}`);
    }
    assertUtf8Strings(value);
    return value;
  }

  private decodeJson(bytes: Buffer): T {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new PipelineRejection('invalid_utf8', 'value is not valid UTF-8');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PipelineRejection('decode_failed', 'value is neither Confluent-framed Avro nor JSON');
    }
    return fromPlainJson<T>(localSchema(this.key).type, parsed);
  }

  private async resolverFor(id: number): Promise<Resolver> {
    const known = this.resolvers.get(id);
    if (known) return known;
    let writerText: string;
    try {
      writerText = (await this.registry.getBySubjectAndId(subjectFor(this.topic), id)).schema;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || /not found/i.test(String((err as Error).message))) {
        throw new PipelineRejection('decode_failed', `unknown schema id ${id}`);
      }
      throw new DependencyUnavailableError('schema registry', err);
    }
    const reader = localSchema(this.key).type;
    let resolver: Resolver;
    try {
      resolver = reader.createResolver(avro.Type.forSchema(JSON.parse(writerText)));
    } catch {
      throw new PipelineRejection('schema_violation', `schema id ${id} is not readable as ${this.key}`);
    }
    this.resolvers.set(id, resolver);
    return resolver;
  }
}

/**
 * avsc decodes invalid UTF-8 leniently (to U+FFFD). A replacement character in a decoded string is
 * the only trace, so when one appears we treat the message as broken UTF-8: producers that really
 * mean U+FFFD are rare, and letting mangled text through would corrupt what the vault restores.
 */
function assertUtf8Strings(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\uFFFD')) throw new PipelineRejection('invalid_utf8', 'a string field is not valid UTF-8');
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      stack.push(...Object.values(v as Record<string, unknown>));
    }
  }
}
