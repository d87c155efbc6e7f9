import { randomUUID } from 'node:crypto';
import { Partitioners, type PartitionerArgs, type PartitionMetadata } from 'kafkajs';
import { CachedKeyPartitioner } from '../../../workers/adapters/kafka/key-partitioner';

function metadata(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, i) => ({ partitionId: i, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));
}

function args(key: string | Buffer | null, count: number, partition?: number): PartitionerArgs {
  return { topic: 'sentinel.prompts.sanitized', partitionMetadata: metadata(count), message: { key, value: 'v', ...(partition === undefined ? {} : { partition }) } };
}

describe('CachedKeyPartitioner', () => {
  it('puts every keyed message where kafkajs’ DefaultPartitioner does, for any partition count, on first and repeated use', () => {
    const cached = CachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const keys = [...Array.from({ length: 300 }, () => randomUUID()), '', 'é', '租户', 'a'.repeat(500)];
    for (const count of [1, 3, 6, 12, 100]) {
      for (let round = 0; round < 2; round++) {
        for (const key of keys) expect(cached(args(key, count))).toBe(reference(args(key, count)));
      }
    }
  });

  it('keeps answering correctly after its cache of keys fills and is cleared', () => {
    const cached = CachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const keys = Array.from({ length: 10_000 }, (_, i) => `tenant-${i}`);
    for (const key of [...keys, ...keys.slice(0, 100)]) expect(cached(args(key, 6))).toBe(reference(args(key, 6)));
  });

  it('honours an explicit partition and hashes Buffer keys as the default does', () => {
    const cached = CachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    expect(cached(args('tenant', 6, 4))).toBe(4);
    const key = Buffer.from(randomUUID());
    expect(cached(args(key, 6))).toBe(reference(args(key, 6)));
  });

  it('spreads unkeyed messages round-robin over the partitions', () => {
    const cached = CachedKeyPartitioner();
    const seen = new Set(Array.from({ length: 12 }, () => cached(args(null, 6))));
    expect(seen.size).toBe(6);
  });
});
