import type { IHeaders } from 'kafkajs';

/** A consumed record, decoupled from kafkajs' batch types. */
export interface InputMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly timestamp: string;
}

/** A record to produce in the same transaction as the consumed offsets. */
export interface OutputRecord {
  readonly topic: string;
  readonly key: string | Buffer | null;
  readonly value: Buffer;
  readonly headers?: Record<string, string>;
}

/**
 * A stage's batch handler. It returns every output of the given messages (including DLQ records
 * for the messages it rejects); it throws only when the whole chunk must be retried (a dependency
 * is down). Side effects outside Kafka must be idempotent: a chunk may be handled twice.
 */
export interface BatchHandler {
  readonly name: string;
  /**
   * `next`: the chunk that follows on the same partition, when it is already fetched. A handler may
   * start its side-effect-free work on it (decode, detect) once its own is done, so that work
   * overlaps this chunk's commit; `next` is then handled by a later call as usual, or dropped when
   * this chunk fails and the partition rewinds.
   */
  handle(messages: readonly InputMessage[], next?: readonly InputMessage[]): Promise<OutputRecord[]>;
}
