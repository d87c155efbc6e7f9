/**
 * The package's public entry (package.json "main"): a typed producer of raw prompts and logs, and a
 * typed consumer of sanitized and blocked outputs. Everything else in the package is internal.
 *
 *   import { SentinelProducer, SentinelConsumer } from 'sentinel-ciphermesh';
 */
export { SentinelProducer, InvalidRecordError, type PromptInput, type LogInput, type SentinelProducerConfig } from './sentinel-producer';
export { SentinelConsumer, type SentinelHandlers, type SentinelConsumerConfig, type MessageMeta } from './sentinel-consumer';
export { resolveClientConfig, type SentinelClientConfig, type ResolvedClientConfig } from './client-config';
export { TOPICS } from '../../schemas/topics';
export type { RawPrompt, RawLog, SanitizedPrompt, SanitizedLog, BlockedPrompt, PassDecision, StringMap } from '../../schemas/types';
