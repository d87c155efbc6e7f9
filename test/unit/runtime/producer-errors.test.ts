import { isProducerFatal } from '../../../workers/runtime/producer-errors';

/** A fenced transactional producer must stop the worker; transient errors must not. */
describe('isProducerFatal', () => {
  const protocol = (type: string, code: number) => Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, code });

  it('recognizes fencing and expiry, also when wrapped', () => {
    expect(isProducerFatal(protocol('INVALID_PRODUCER_EPOCH', 47))).toBe(true);
    expect(isProducerFatal(protocol('KAFKAJS_UNKNOWN_ERROR_CODE', 90))).toBe(true); // PRODUCER_FENCED
    expect(isProducerFatal(Object.assign(new Error('retries exceeded'), { originalError: protocol('INVALID_PRODUCER_ID_MAPPING', 49) }))).toBe(true);
    expect(isProducerFatal(new Error('outer', { cause: protocol('TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 53) }))).toBe(true);
  });

  it('recognizes a wedged transaction state machine (a failed commit its abort could not undo)', () => {
    const wedged = Object.assign(new Error('Transaction state exception: Cannot call "beginTransaction" in state "COMMITTING"'), { name: 'KafkaJSNonRetriableError' });
    expect(isProducerFatal(wedged)).toBe(true);
    expect(isProducerFatal(new Error('outer', { cause: wedged }))).toBe(true);
    expect(isProducerFatal(new Error('The server experienced an unexpected error when processing the request'))).toBe(false);
  });

  it('leaves transient and dependency errors to the retry path', () => {
    expect(isProducerFatal(protocol('NOT_COORDINATOR', 16))).toBe(false);
    expect(isProducerFatal(protocol('CONCURRENT_TRANSACTIONS', 51))).toBe(false);
    expect(isProducerFatal(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isProducerFatal(undefined)).toBe(false);
  });
});
