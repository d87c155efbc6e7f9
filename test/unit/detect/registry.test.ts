/** Every *.recognizer.ts file must be listed in the explicit registry (and nothing listed may be missing). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RECOGNIZER_MODULES, RECOGNIZERS } from '../../../pipelines/detect/recognizers/registry';

const dir = join(__dirname, '../../../pipelines/detect/recognizers');

test('registry lists every recognizer file', () => {
  const stems = readdirSync(dir)
    .filter((f) => f.endsWith('.recognizer.ts'))
    .map((f) => f.replace(/\.recognizer\.ts$/, ''))
    .sort();
  expect(Object.keys(RECOGNIZER_MODULES).sort()).toEqual(stems);
});

test('recognizer names are unique and entities are UPPER_SNAKE', () => {
  const names = RECOGNIZERS.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  for (const r of RECOGNIZERS) for (const e of r.entities) expect(e).toMatch(/^[A-Z][A-Z0-9_]*$/);
});
