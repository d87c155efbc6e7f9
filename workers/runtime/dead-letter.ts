import { openValue, sealValue } from '../../pipelines/cipher';
import { PipelineRejection } from '../../pipelines/errors';
import { TOPICS } from '../../schemas/topics';
import type { DeadLetter } from '../../schemas/types';
import { topicName, type Env } from '../config/env';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { carryHeaders, DROPPED_HEADERS } from './dlq-headers';
import { errorSummary } from './transactional-worker';
import type { InputMessage, OutputRecord } from './messages';

export const DLQ_KEY_ID = 'dlq-v1';

/** The AAD binds a sealed payload to where it came from: it cannot be replayed as another record. */
function dlqAad(m: Pick<InputMessage, 'topic' | 'partition' | 'offset'>) {
  return { tenantId: 'dlq', tokenId: `${m.topic}/${m.partition}/${m.offset}`, dataClass: 'dlq', keyVersion: 1 };
}

/**
 * Builds the DLQ record for a message a stage rejected. The original bytes are sealed under the
 * system DLQ key so the topic holds no plaintext; headers carry the routing facts so operators can
 * filter without decoding, and the original headers that pass dlq-headers.ts' checks (prefixed) so
 * a replay can restore them.
 */
export function deadLetterFor(
  codec: TopicCodec<DeadLetter>,
  dlqKey: Buffer,
  stage: string,
  message: InputMessage,
  err: unknown,
  tenantId: string | null,
  env?: Env,
): OutputRecord {
  const reason = err instanceof PipelineRejection ? err.code : 'stage_failed';
  const summary = errorSummary(err);
  const record: DeadLetter = {
    reason_code: reason,
    stage,
    error_class: summary.class,
    error_message: summary.message,
    original_topic: message.topic,
    original_partition: message.partition,
    original_offset: message.offset,
    tenant_id: tenantId,
    payload_sealed: sealValue(dlqKey, message.value ?? Buffer.alloc(0), dlqAad(message)),
    payload_key_id: DLQ_KEY_ID,
    ts: Date.now(),
  };
  const carried = carryHeaders(message.headers);
  return {
    topic: topicName(TOPICS.dlq, env),
    key: message.key,
    value: codec.encode(record),
    headers: {
      ...carried.headers,
      ...(carried.dropped > 0 ? { [DROPPED_HEADERS]: String(carried.dropped) } : {}),
      'reason-code': reason,
      stage,
      'error-class': summary.class,
      'original-topic': message.topic,
      'original-partition': String(message.partition),
      'original-offset': message.offset,
    },
  };
}

/** Opens a dead letter's sealed payload (for `sentinel dlq inspect|replay`). */
export function openDeadLetter(dlqKey: Buffer, dl: DeadLetter): Buffer {
  return openValue(dlqKey, dl.payload_sealed, dlqAad({ topic: dl.original_topic, partition: dl.original_partition, offset: dl.original_offset }));
}
