import { staleTestTopics } from '../../support/prune-test-topics';

describe('staleTestTopics', () => {
  const at = (ms: number, rest: string) => `t${ms.toString(36)}beef.${rest}`;
  const now = 1_795_980_000_000;

  it('selects only test-prefixed topics created before the cutoff', () => {
    const topics = [
      at(now - 7_200_000, 'bench-fused.sentinel.prompts.raw'),
      at(now - 60_000, 'thin.sentinel.prompts.raw'),
      'sentinel.prompts.raw',
      'sentinel.dlq',
      '__consumer_offsets',
      'tenant.sentinel.prompts.raw',
    ];
    expect(staleTestTopics(topics, now - 3_600_000)).toEqual([topics[0]]);
  });

  it('keeps a topic whose prefix does not parse as a test prefix', () => {
    const old = (1_400_000_000_000).toString(36);
    expect(staleTestTopics(['tXYZ.sentinel.prompts.raw', 'tshort1.x.sentinel.dlq', `t${old}beef.x.sentinel.dlq`, at(now - 7_200_000, 'x.other.topic')], now)).toEqual([]);
  });
});
