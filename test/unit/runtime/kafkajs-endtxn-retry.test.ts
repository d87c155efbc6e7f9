import { createRequire } from 'node:module';

/**
 * patches/kafkajs+2.2.4.patch: kafkajs sent EndTxn once, so a commit whose EndTxn met a broker
 * restart left the producer's state machine in COMMITTING for good (every later transaction
 * refused; the worker had to exit). Patched, EndTxn is retried on retriable errors with the
 * producer's retry settings and the coordinator looked up again, and non-retriable ones (fencing,
 * an unknown server error) still fail at once. Exercised on kafkajs' own transaction manager
 * with a scripted coordinator: a broker that drops exactly the EndTxn request cannot be arranged
 * on the real stack (the fault suite restarts a real broker).
 */
interface EosManager {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topics: Array<{ topic: string; partitions: Array<{ partition: number }> }>): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}
type EosFactory = (opts: { logger: unknown; cluster: unknown; transactional: boolean; transactionalId: string; retry: object }) => EosManager;
interface KafkaErrors {
  KafkaJSConnectionError: new (message: string) => Error;
  KafkaJSNumberOfRetriesExceeded: new (cause: Error, opts: { retryCount: number; retryTime: number }) => Error;
}

const load = createRequire(__filename);
const createEosManager = load('kafkajs/src/producer/eosManager') as EosFactory;
const { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } = load('kafkajs/src/errors') as KafkaErrors;
const { createErrorFromCode } = load('kafkajs/src/protocol/error') as { createErrorFromCode: (code: number) => Error };

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, namespace: () => quiet };

/** A transaction coordinator whose EndTxn answers come from `script` (an error to throw, or ok). */
function coordinator(script: Array<Error | 'ok'>) {
  const endTxn: boolean[] = [];
  let lookups = 0;
  const broker = {
    initProducerId: async () => ({ producerId: 7, producerEpoch: 0 }),
    addPartitionsToTxn: async () => undefined,
    endTxn: async ({ transactionResult }: { transactionResult: boolean }) => {
      endTxn.push(transactionResult);
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
    },
  };
  const cluster = {
    refreshMetadataIfNecessary: async () => undefined,
    findGroupCoordinator: async () => {
      lookups++;
      return broker;
    },
  };
  return { cluster, endTxn, lookups: () => lookups };
}

async function openTransaction(cluster: unknown): Promise<EosManager> {
  const eos = createEosManager({ logger: quiet, cluster, transactional: true, transactionalId: 'tx-test', retry: { retries: 10, initialRetryTime: 1, maxRetryTime: 5 } });
  await eos.initProducerId();
  eos.beginTransaction();
  await eos.addPartitionsToTransaction([{ topic: 't', partitions: [{ partition: 0 }] }]);
  return eos;
}

describe('kafkajs EndTxn retry (patched)', () => {
  it('retries a commit whose EndTxn lost the connection or met a moved coordinator, and the producer goes on', async () => {
    const c = coordinator([new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'), createErrorFromCode(16), 'ok']);
    const eos = await openTransaction(c.cluster);
    const before = c.lookups();
    await eos.commit();
    expect(c.endTxn).toEqual([true, true, true]);
    expect(c.lookups() - before).toBe(3); // the coordinator is looked up again for every attempt
    // Not wedged: the next transaction begins and commits.
    eos.beginTransaction();
    await eos.addPartitionsToTransaction([{ topic: 't', partitions: [{ partition: 1 }] }]);
    await expect(eos.commit()).resolves.toBeUndefined();
  });

  it('retries past a lookup or connection that ran out of its own retries while the broker restarted (kafkajs calls that non-retriable)', async () => {
    const gone = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'), { retryCount: 5, retryTime: 3000 });
    const c = coordinator([gone, gone, 'ok']);
    const eos = await openTransaction(c.cluster);
    await expect(eos.commit()).resolves.toBeUndefined();
    expect(c.endTxn).toEqual([true, true, true]);
  });

  it('retries an abort the same way', async () => {
    const c = coordinator([createErrorFromCode(51), 'ok']); // CONCURRENT_TRANSACTIONS
    const eos = await openTransaction(c.cluster);
    await eos.abort();
    expect(c.endTxn).toEqual([false, false]);
  });

  it('does not retry what retrying cannot fix: an unknown server error or a fenced epoch fails the commit at once', async () => {
    for (const code of [-1, 47]) {
      const c = coordinator([createErrorFromCode(code)]);
      const eos = await openTransaction(c.cluster);
      await expect(eos.commit()).rejects.toMatchObject({ type: code === -1 ? 'UNKNOWN' : 'INVALID_PRODUCER_EPOCH', retriable: false });
      expect(c.endTxn).toEqual([true]);
    }
  });
});
