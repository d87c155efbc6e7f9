import fc from 'fast-check';
import { DEFAULT_RULESET, validateRuleset } from '../../pipelines/policy';
import { ACME } from '../unit/policy/helpers';
import { Counter, expectSuiteTotalAtLeast, recordTally } from '../support/fuzz-tally';

const RUNS = Number(process.env.FUZZ_RULESET_RUNS ?? 15_000);
const POINTER = /^(\/([^~/]|~[01])*)*$/; // RFC 6901; '' is the whole document

type J = unknown;

/** Every path (as keys) of a JSON document, the root included. */
function pathsOf(v: J, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

/** Replaces, deletes or adds at `path` (a fresh copy). */
function mutate(doc: J, path: (string | number)[], op: 'replace' | 'delete' | 'add', value: J, key: string): J {
  if (path.length === 0) return op === 'replace' ? value : doc;
  const copy = structuredClone(doc) as Record<string | number, J>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, J>;
  const last = path[path.length - 1]!;
  if (op === 'replace') parent[last] = value;
  else if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) (parent[last] as Record<string, J>)[key] = value;
  else parent[last] = [parent[last], value];
  return copy;
}

const base = fc.constantFrom<J>(ACME, DEFAULT_RULESET);
const mutated = fc
  .tuple(base, fc.nat(), fc.constantFrom('replace', 'delete', 'add') as fc.Arbitrary<'replace' | 'delete' | 'add'>, fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 4 }))
  .map(([doc, pick, op, value, key, times]) => {
    let d = doc;
    for (let i = 0; i < times; i++) {
      const paths = pathsOf(d);
      d = mutate(d, paths[(pick + i * 7919) % paths.length]!, op, value, key);
    }
    return d;
  });

/** (c) validateRuleset never throws; every invalid verdict names at least one JSON-pointer path. */
describe('fuzz: validateRuleset on arbitrary JSON', () => {
  afterAll(() => expectSuiteTotalAtLeast(100_000));
  it.each([
    ['arbitrary json', fc.jsonValue({ maxDepth: 8 })],
    ['object-shaped json', fc.dictionary(fc.constantFrom('schemaVersion', 'defaultAction', 'classes', 'entities', 'injection', 'allowlist', 'reframe', 'minScore', 'x'), fc.jsonValue({ maxDepth: 4 }))],
    ['mutated valid rulesets', mutated],
  ] as const)('%s', (name, arb) => {
    const counter = new Counter();
    fc.assert(
      fc.property(arb as fc.Arbitrary<J>, (json) => {
        const t0 = performance.now();
        const r = validateRuleset(json);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThanOrEqual(1);
          for (const e of r.errors) {
            expect(e.path).toMatch(POINTER);
            expect(typeof e.message).toBe('string');
          }
        }
        counter.add(r.ok ? 'valid' : 'invalid', performance.now() - t0);
      }),
      { numRuns: RUNS, seed: 11, endOnFailure: true },
    );
    recordTally(counter.row(`ruleset:${name}`));
    expect(counter.outcomes['invalid']).toBeGreaterThan(0);
  });
});
