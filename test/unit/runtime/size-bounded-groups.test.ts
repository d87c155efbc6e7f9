import { sizeBoundedGroups } from '../../../workers/runtime/transactional-worker';
import type { OutputRecord } from '../../../workers/runtime/messages';

const rec = (bytes: number, i: number): OutputRecord => ({ topic: 't', key: null, value: Buffer.alloc(bytes, i) });

describe('sizeBoundedGroups', () => {
  it('keeps order and never puts more than the limit in a group (a single large record goes alone)', () => {
    const outputs = [100, 300, 700, 50, 2000, 10, 10].map(rec);
    const groups = sizeBoundedGroups(outputs, 1000);
    expect(groups.flat()).toEqual(outputs);
    expect(groups.map((g) => g.map((o) => o.value.length))).toEqual([[100, 300], [700, 50], [2000], [10, 10]]);
  });

  it('returns no group for no outputs', () => {
    expect(sizeBoundedGroups([], 10)).toEqual([]);
  });
});
