/** Kafka error types after which a transactional producer can never commit again (fenced or expired). */
const FATAL_PRODUCER_ERRORS = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

/**
 * kafkajs' transaction state machine refusing a call ("Transaction state exception: Cannot call
 * "beginTransaction" in state "COMMITTING""): a commit's EndTxn failed in a way its abort cannot
 * undo, and the producer stays in that state for good. Only a new producer — a restarted process —
 * can go on. Since patches/kafkajs+2.2.4.patch retries retriable EndTxn failures (a broker
 * restart), this is left to non-retriable ones, e.g. a fenced producer's EndTxn answered with
 * UNKNOWN_SERVER_ERROR.
 */
const WEDGED_TRANSACTION = /^Transaction state exception: /;

/**
 * True for a fencing/expiry error anywhere in a kafkajs error chain (originalError / cause), or a
 * wedged transaction state machine. kafkajs 2.2.4 speaks request versions for which Kafka reports
 * fencing as INVALID_PRODUCER_EPOCH (47); PRODUCER_FENCED (90) is matched by code since kafkajs
 * does not know its name.
 */
export function isProducerFatal(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const { type, code, message } = e as { type?: unknown; code?: unknown; message?: unknown };
    if ((typeof type === 'string' && FATAL_PRODUCER_ERRORS.has(type)) || code === 90) return true;
    if (typeof message === 'string' && WEDGED_TRANSACTION.test(message)) return true;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
