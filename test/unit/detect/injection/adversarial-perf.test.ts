/** Hostile 100 KB inputs must score in bounded time: catastrophic regex backtracking is a DoS. */
import { scoreInjection } from '../../../../pipelines/detect/injection';
import { measureGrowth } from '../../../support/linear-time';

const KB100 = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);

const cases: ReadonlyArray<[string, string]> = [
  ['single char', fill('a')],
  ['spaces', fill(' ')],
  ['trigger words', fill('ignore all previous ')],
  ['unterminated override', fill('ignore all the the the ')],
  ['persona gaps', fill('you are you will act as ')],
  ['german', fill('vergiss alle alle die ')],
  ['base64ish', fill('QUJD')],
  ['hex', fill('41')],
  ['url', fill('%41')],
  ['escaped newlines', fill('\\n ')],
  ['spaced letters', fill('a b ')],
  ['zero width', fill('a\u200b')],
  ['homoglyph mix', fill('іgnоrе ')],
  ['template tokens', fill('<|im_start|>')],
  ['punctuation', fill('!?.,;:-')],
  ['rot13 markers', fill('vtaber cebzcg ')],
];

describe('adversarial 100 KB inputs score in linear time', () => {
  beforeAll(() => scoreInjection('warm up the regexes and the signature index'));
  it.each(cases)('%s', (_name, text) => {
    // Growth from 25 KB to 100 KB, in CPU time (test/support/linear-time.ts): machine-independent.
    expect(measureGrowth(text, scoreInjection).verdict).toBe('ok');
  });
});
