import { loadEnv } from '../../../workers/config/env';
import { createKafka } from '../../../workers/adapters/kafka/kafka-client';
import { logger } from '../../../workers/observability/logger';

/** What kafkajs' connection logs when a broker answers a request with an error code. */
function logErrorResponse(error: string): void {
  createKafka('log-test', loadEnv({})).logger().error('Response InitProducerId(key: 22, version: 1)', { broker: '127.0.0.1:9092', error, correlationId: 3, size: 20 });
}

describe('kafkajs log lines', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs an error response the client retries (a loading coordinator, code 14) as a warning naming the error', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    logErrorResponse("The coordinator is loading and hence can't process requests for this group");
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith({ kafka: '127.0.0.1:9092', error: 'GROUP_LOAD_IN_PROGRESS', retriable: true }, 'kafka: Response InitProducerId(key: 22, version: 1)');
  });

  it('treats CONCURRENT_TRANSACTIONS (code 51) as retriable', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    logErrorResponse('The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ error: 'CONCURRENT_TRANSACTIONS', retriable: true }), expect.any(String));
  });

  it('logs the producer’s retry of a send after a retriable error as a warning', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const line = 'Failed to send messages: The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing';
    createKafka('log-test', loadEnv({})).logger().error(line, { retryCount: 0, retryTime: 20 });
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith({ kafka: undefined, error: 'CONCURRENT_TRANSACTIONS', retriable: true }, `kafka: ${line}`);
  });

  it('keeps a final error response an error, with the broker’s message', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    logErrorResponse('Transactional Id authorization failed');
    expect(warn).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith({ kafka: '127.0.0.1:9092', error: 'Transactional Id authorization failed' }, 'kafka: Response InitProducerId(key: 22, version: 1)');
  });

  it('passes other error lines through without their fields (they may quote a handler’s error)', () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    createKafka('log-test', loadEnv({})).logger().error('[Consumer] Crash: KafkaJSNumberOfRetriesExceeded', { groupId: 'g', error: 'something' });
    expect(error).toHaveBeenCalledWith({ kafka: 'g' }, 'kafka: [Consumer] Crash: KafkaJSNumberOfRetriesExceeded');
  });
});
