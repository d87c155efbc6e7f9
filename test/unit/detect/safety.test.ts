/**
 * ReDoS / worst-case guard: 100 KB adversarial inputs through every recognizer and the engine,
 * each call must scale linearly (test/support/linear-time.ts) and stay far from a runaway budget.
 */
import { RECOGNIZERS } from '../../../pipelines/detect/recognizers/registry';
import { detectSensitive } from '../../../pipelines/detect/engine';
import { measureGrowth } from '../../support/linear-time';

const N = 100_000;
const rep = (s: string) => s.repeat(Math.ceil(N / s.length)).slice(0, N);
const ADVERSARIAL: Record<string, string> = {
  digits: rep('1234567890'),
  spacedDigits: rep('4 '),
  at: rep('@'),
  atWords: rep('a@'),
  a: 'a'.repeat(N),
  dashes: '-'.repeat(N),
  dashDigits: rep('1-'),
  mixedSeparators: rep('12-34 56.78/90:'),
  brackets: rep('(['),
  eyJ: rep('eyJ'),
  eyJdots: rep('eyJa.'),
  base64: rep('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkrLw=='),
  colons: rep('a:'),
  hexColons: rep('ff:'),
  capWords: rep('Anna Maria '),
  streets: rep('12 Main '),
  pem: '-----BEGIN RSA PRIVATE KEY-----' + rep('A'),
  urlish: 'http://' + rep('a:'),
  dots: rep('a.'),
  newlines: rep('Apt 1\n'),
};

beforeAll(() => {
  // Warm up JIT and lazy initialisation so the measurement reflects steady state.
  for (const r of RECOGNIZERS) r.detect('warm up 4111 1111 1111 1111 a@b.com Anna 12 Main Street');
});

describe.each(Object.entries(ADVERSARIAL))('adversarial %s', (_name, input) => {
  test.each(RECOGNIZERS.map((r) => [r.name, r] as const))('%s scales linearly', (_n, r) => {
    expect(measureGrowth(input, (t) => r.detect(t)).verdict).toBe('ok');
  });
  test('engine scales linearly', () => {
    expect(measureGrowth(input, detectSensitive).verdict).toBe('ok');
  });
});
