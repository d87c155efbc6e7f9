/**
 * The topic contract: every topic of the pipeline and the Avro schema of its values.
 * Subjects follow the Confluent TopicNameStrategy: `<topic>-value`.
 */
export const TOPICS = {
  promptsRaw: 'sentinel.prompts.raw',
  logsRaw: 'sentinel.logs.raw',
  promptsSanitized: 'sentinel.prompts.sanitized',
  logsSanitized: 'sentinel.logs.sanitized',
  promptsBlocked: 'sentinel.prompts.blocked',
  decisions: 'sentinel.decisions',
  dlq: 'sentinel.dlq',
  /** Internal: between the stages of the split topology (as sensitive as the raw topics). */
  detected: 'sentinel.internal.detected',
  decided: 'sentinel.internal.decided',
} as const;

export type TopicKey = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicKey];

/** Avro schema file (in schemas/avro/) for each topic's values. */
export const TOPIC_SCHEMA_FILES: Record<TopicKey, string> = {
  promptsRaw: 'raw-prompt.avsc',
  logsRaw: 'raw-log.avsc',
  promptsSanitized: 'sanitized-prompt.avsc',
  logsSanitized: 'sanitized-log.avsc',
  promptsBlocked: 'blocked-prompt.avsc',
  decisions: 'decision-event.avsc',
  dlq: 'dead-letter.avsc',
  detected: 'stage-envelope.avsc',
  decided: 'stage-envelope.avsc',
};

/** Input topics accept plain JSON values too (producers without a registry, e.g. kcat). */
export const JSON_ACCEPTING_TOPICS: ReadonlySet<TopicKey> = new Set<TopicKey>(['promptsRaw', 'logsRaw']);

export function subjectFor(topic: string): string {
  return `${topic}-value`;
}
