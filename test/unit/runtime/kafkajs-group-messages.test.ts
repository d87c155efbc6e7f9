import { createRequire } from 'node:module';

/**
 * patches/kafkajs+2.2.4.patch: kafkajs grouped a send's messages by partition with a spread of the
 * partition's array per message (quadratic in a chunk's outputs). Patched, it pushes; the groups,
 * their order and the partition keys must be what the original produced.
 */
interface Msg {
  readonly key: string | null;
  readonly value: string;
}
type Group = (opts: { topic: string; partitionMetadata: readonly unknown[]; messages: readonly Msg[]; partitioner: (a: { message: Msg }) => number }) => Record<string, Msg[]>;

const load = createRequire(__filename);
const groupMessagesPerPartition = load('kafkajs/src/producer/groupMessagesPerPartition') as Group;

describe('kafkajs groupMessagesPerPartition (patched)', () => {
  const metadata = Array.from({ length: 6 }, (_, i) => ({ partitionId: i, leader: 1 }));
  const messages: Msg[] = Array.from({ length: 2000 }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}` }));
  const partitioner = ({ message }: { message: Msg }) => Number(message.key?.slice(1) ?? 0) % 6;

  it('keeps every message once, in send order within its partition', () => {
    const groups = groupMessagesPerPartition({ topic: 't', partitionMetadata: metadata, messages, partitioner });
    expect(Object.keys(groups)).toEqual(['0', '1', '2', '3', '4', '5']);
    for (const [partition, list] of Object.entries(groups)) {
      expect(list).toEqual(messages.filter((m) => String(partitioner({ message: m })) === partition));
    }
    expect(Object.values(groups).reduce((n, list) => n + list.length, 0)).toBe(messages.length);
  });

  it('returns no groups when the topic has no partition metadata', () => {
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner })).toEqual({});
  });
});
