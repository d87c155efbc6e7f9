import { CleanValueMemo } from '../../../pipelines/detect/clean-values';
import { detectSensitive } from '../../../pipelines/detect/engine';
import { detectStage } from '../../../pipelines/stages/detect.stage';
import { fieldKeysOf } from '../../../pipelines/stages/json-leaves';

describe('CleanValueMemo', () => {
  it('remembers a value as clean under its path only', () => {
    const memo = new CleanValueMemo();
    memo.recordClean('metadata.note', 'Zed Quorra');
    expect(memo.isClean('metadata.note', 'Zed Quorra')).toBe(true);
    expect(memo.isClean('metadata.customer_name', 'Zed Quorra')).toBe(false);
    expect(memo.isClean('metadata.note', 'Zed Quorr')).toBe(false);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const memo = new CleanValueMemo(3);
    for (const v of ['a', 'b', 'c', 'd']) memo.recordClean('p', v);
    expect(memo.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((v) => memo.isClean('p', v))).toEqual([false, true, true, true]);
  });

  it('neither records nor finds values longer than maxChars or paths longer than maxPathChars', () => {
    const memo = new CleanValueMemo(10, 8, 16);
    memo.recordClean('p', 'x'.repeat(9));
    memo.recordClean(`$.${'k'.repeat(15)}`, 'x');
    expect(memo.size).toBe(0);
    expect(memo.isClean('p', 'x'.repeat(9))).toBe(false);
    memo.recordClean(`$.${'k'.repeat(14)}`, 'x'.repeat(8));
    expect(memo.isClean(`$.${'k'.repeat(14)}`, 'x'.repeat(8))).toBe(true);
  });

  it('does not confuse a path/value split at a different place', () => {
    const memo = new CleanValueMemo();
    memo.recordClean('a.b', 'c');
    expect(memo.isClean('a', 'b.c')).toBe(false);
  });
});

describe('the detect stage with recurring field values', () => {
  // Fresh detection, no memo: what every call must return, however often a value has been seen.
  const fresh = (text: string, field: string) => detectSensitive(text, { context: { fieldKeys: fieldKeysOf(field) } });

  it('returns fresh detection results on every repetition, clean and flagged alike', () => {
    const cases: [string, string][] = [
      ['metadata.note', 'Zed Quorra'], // clean here: a name only with a name key
      ['metadata.customer_name', 'Zed Quorra'], // the same value flagged under a name key
      ['conversation_id', 'c-12'],
      ['user_id', 'jane.roe@example.org'],
      ['$.level', 'info'],
      ['$.user.ssn', '536-22-8714'],
    ];
    const flagged = cases.map(([field, text]) => fresh(text, field).length > 0);
    expect(flagged).toEqual([false, true, false, true, false, true]);
    for (let round = 0; round < 3; round++) {
      for (const [field, text] of cases) expect(detectStage(text, 'prompt', undefined, field).findings).toStrictEqual(fresh(text, field));
    }
  });

  it('hands each caller its own findings array', () => {
    const a = detectStage('c-77', 'log', undefined, '$.conversation');
    const b = detectStage('c-77', 'log', undefined, '$.conversation');
    expect(a.findings).toEqual([]);
    expect(b.findings).not.toBe(a.findings);
  });
});
