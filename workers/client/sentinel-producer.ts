import { randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import type { TopicKey } from '../../schemas/topics';
import type { RawLog, RawPrompt } from '../../schemas/types';
import { localSchema } from '../adapters/registry/schema-files';
import { ClientConnections, resolveClientConfig, type SentinelClientConfig } from './client-config';

/** A prompt to send: tenant and text are required, the rest defaults (request_id: a random UUID). */
export type PromptInput = Pick<RawPrompt, 'tenant_id' | 'text'> & Partial<Omit<RawPrompt, 'tenant_id' | 'text'>>;
/** A log record to send: tenant and line are required. */
export type LogInput = Pick<RawLog, 'tenant_id' | 'line'> & Partial<Omit<RawLog, 'tenant_id' | 'line'>>;

export interface SentinelProducerConfig extends SentinelClientConfig {
  /** 'avro' (default): Confluent-framed with the registered schema. 'json': plain JSON, no registry needed. */
  readonly format?: 'avro' | 'json';
}

/** Thrown before anything is sent when a record does not fit the topic's schema. */
export class InvalidRecordError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`record does not match the schema at: ${paths.join(', ')}`);
    this.name = 'InvalidRecordError';
  }
}

/**
 * Produces raw prompts and logs for Sentinel. Keys are the tenant id (the pipeline keeps a tenant's
 * order in one partition); the producer is idempotent so retries never duplicate a prompt.
 */
export class SentinelProducer {
  private readonly conn: ClientConnections;
  private readonly producer: Producer;
  private readonly format: 'avro' | 'json';

  constructor(config: SentinelProducerConfig = {}) {
    this.conn = new ClientConnections(resolveClientConfig(config));
    this.format = config.format ?? 'avro';
    this.producer = this.conn.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Sends one prompt; resolves once all in-sync replicas have it. Returns the request id. */
  async send(prompt: PromptInput): Promise<string> {
    return (await this.sendBatch([prompt]))[0]!;
  }

  async sendBatch(prompts: readonly PromptInput[]): Promise<string[]> {
    const records = prompts.map((p): RawPrompt => ({ conversation_id: null, user_id: null, metadata: null, ts: Date.now(), ...p, request_id: p.request_id ?? randomUUID() }));
    await this.produce('promptsRaw', records);
    return records.map((r) => r.request_id);
  }

  async sendLog(log: LogInput): Promise<string> {
    return (await this.sendLogBatch([log]))[0]!;
  }

  async sendLogBatch(logs: readonly LogInput[]): Promise<string[]> {
    const records = logs.map((l): RawLog => ({ service: null, metadata: null, ts: Date.now(), ...l, request_id: l.request_id ?? randomUUID() }));
    await this.produce('logsRaw', records);
    return records.map((r) => r.request_id);
  }

  private async produce(key: TopicKey, records: readonly (RawPrompt | RawLog)[]): Promise<void> {
    if (records.length === 0) return;
    const type = localSchema(key).type;
    for (const r of records) {
      const bad: string[] = [];
      // Checked here so a typo fails in the caller, not as a dead letter minutes later.
      if (!type.isValid(r, { errorHook: (path: string[]) => bad.push(path.join('.') || '(root)') })) throw new InvalidRecordError([...new Set(bad)]);
    }
    const codec = this.format === 'avro' ? await this.conn.codec<RawPrompt | RawLog>(key) : undefined;
    const messages = records.map((r) => ({ key: r.tenant_id, value: codec ? codec.encode(r) : Buffer.from(JSON.stringify(r)) }));
    await this.producer.send({ topic: this.conn.topic(key), acks: -1, messages });
  }
}
