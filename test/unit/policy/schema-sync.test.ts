/** Keeps the hand-written types in pipelines/policy/types.ts in step with the JSON Schema. */
import schema from '../../../schemas/policy/ruleset.schema.json';
import { ACTIONS, DEFAULT_RULESET, RULE_CLASSES, SOURCES, TOKEN_FORMATS, type Ruleset, validateRuleset } from '../../../pipelines/policy';
import { ACME } from './helpers';

interface Defs { [k: string]: { enum?: string[]; properties?: Record<string, unknown>; required?: string[] } }
const defs = (schema as unknown as { $defs: Defs }).$defs;
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('schema <-> types sync', () => {
  it('enums equal the TS constants', () => {
    expect(sorted(defs['action']?.enum ?? [])).toEqual(sorted(ACTIONS));
    expect(sorted(defs['source']?.enum ?? [])).toEqual(sorted(SOURCES));
    expect(sorted(defs['tokenFormat']?.enum ?? [])).toEqual(sorted(TOKEN_FORMATS));
    expect(sorted((defs['classRule']?.properties?.['dataClass'] as { enum: string[] }).enum)).toEqual(sorted(RULE_CLASSES));
  });

  it('the schema example is the ACME fixture and validates', () => {
    expect((schema as unknown as { examples: unknown[] }).examples).toEqual([ACME]);
  });

  // Every optional field of every type filled in: if the TS types gain or lose a field the
  // schema doesn't know, this typed literal and the validation below stop agreeing.
  const everything: Required<Ruleset> = {
    schemaVersion: 1,
    description: 'all fields',
    defaultAction: 'reframe',
    minScore: 0.3,
    defaultTokenFormat: 'deterministic',
    classes: [{ dataClass: 'phi', action: 'encrypt', minScore: 0.6, tokenFormat: 'opaque', ttl: 'P1W2DT3H4M5S', appliesTo: ['log', 'prompt'], description: 'c' }],
    entities: [{ entity: 'US_SSN', action: 'encrypt', minScore: 0.7, tokenFormat: 'fpe', ttl: 3600, appliesTo: ['log'], description: 'e' }],
    injection: { reframeAbove: 0.4, blockAbove: 0.4, appliesTo: ['prompt', 'log'] },
    allowlist: { values: ['x'], emailDomains: ['*.acme.co.uk'], patterns: [{ pattern: '555-01##', entities: ['PHONE_NUMBER'], ignoreSeparators: false }] },
    reframe: { template: '{{id}}: {{content}}' },
  };

  it.each([
    ['everything', everything],
    ['ACME', ACME],
    ['default', DEFAULT_RULESET],
  ])('typed sample %s validates', (_n, rs) => {
    const r = validateRuleset(rs);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('top-level and rule properties in the schema are exactly the TS fields', () => {
    expect(sorted(Object.keys((schema as unknown as { properties: object }).properties))).toEqual(sorted(Object.keys(everything)));
    expect(sorted(Object.keys(defs['classRule']?.properties ?? {}))).toEqual(sorted(Object.keys(everything.classes[0] ?? {})));
    expect(sorted(Object.keys(defs['entityRule']?.properties ?? {}))).toEqual(sorted(Object.keys(everything.entities[0] ?? {})));
  });
});
