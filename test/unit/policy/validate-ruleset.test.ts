import { DEFAULT_RULESET, validateRuleset } from '../../../pipelines/policy';
import { ACME } from './helpers';

function errorsOf(json: unknown): { path: string; message: string }[] {
  const r = validateRuleset(json);
  if (r.ok) throw new Error('expected invalid ruleset');
  return [...r.errors];
}

describe('validateRuleset: schema errors carry exact JSON pointers (all at once)', () => {
  it('reports every schema error in one pass', () => {
    const errors = errorsOf({
      schemaVersion: 2,
      defaultAction: 'tokenize',
      bogus: true,
      classes: [{ dataClass: 'pii', action: 'encrypt', ttl: 'P1Y', foo: 1 }, { dataClass: 'injection', action: 'block' }],
      entities: [{ entity: 'credit_card', action: 'encrypt', tokenFormat: 'aes' }, {}],
      injection: { reframeAbove: 1.5 },
      allowlist: { emailDomains: ['not a domain'], patterns: [{ pattern: '' }] },
      reframe: { template: 'no placeholder here' },
    });
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        '/bogus',
        '/schemaVersion',
        '/defaultAction',
        '/classes/0/foo',
        '/classes/0/ttl',
        '/classes/1/dataClass',
        '/entities/0/entity',
        '/entities/0/tokenFormat',
        '/entities/1/entity',
        '/entities/1/action',
        '/injection/reframeAbove',
        '/allowlist/emailDomains/0',
        '/allowlist/patterns/0/pattern',
        '/reframe/template',
      ].sort(),
    );
    expect(errors).toContainEqual({ path: '/bogus', message: 'unknown property' });
    expect(errors).toContainEqual({ path: '/entities/1/action', message: 'required property is missing' });
    expect(errors).toContainEqual({ path: '/classes/1/dataClass', message: 'must be equal to one of the allowed values: ["pii","phi","pci","secret"]' });
  });

  it.each([
    [null, ''],
    [[], ''],
    [{ schemaVersion: 1 }, '/defaultAction'],
    [{ schemaVersion: 1, defaultAction: 'allow', minScore: -0.1 }, '/minScore'],
    [{ schemaVersion: 1, defaultAction: 'allow', classes: [{ dataClass: 'pii', action: 'encrypt', ttl: 0 }] }, '/classes/0/ttl'],
    [{ schemaVersion: 1, defaultAction: 'allow', classes: [{ dataClass: 'pii', action: 'encrypt', ttl: 1.5 }] }, '/classes/0/ttl'],
    [{ schemaVersion: 1, defaultAction: 'allow', classes: [{ dataClass: 'pii', action: 'encrypt', ttl: 'PT' }] }, '/classes/0/ttl'],
    [{ schemaVersion: 1, defaultAction: 'allow', entities: [{ entity: 'A', action: 'allow', appliesTo: ['prompt', 'prompt'] }] }, '/entities/0/appliesTo'],
    [{ schemaVersion: 1, defaultAction: 'allow', entities: [{ entity: 'A', action: 'allow', appliesTo: [] }] }, '/entities/0/appliesTo'],
    [{ schemaVersion: 1, defaultAction: 'allow', injection: { appliesTo: ['chat'] } }, '/injection/appliesTo/0'],
    [{ schemaVersion: 1, defaultAction: 'allow', allowlist: { patterns: [{ pattern: '4*', entities: ['x'] }] } }, '/allowlist/patterns/0/entities/0'],
    [{ schemaVersion: 1, defaultAction: 'allow', 'a/b~c': 1 }, '/a~1b~0c'],
  ])('%j -> error at %s', (json, path) => {
    expect(errorsOf(json).map((e) => e.path)).toContain(path);
  });
});

describe('validateRuleset: semantic checks', () => {
  const base = { schemaVersion: 1, defaultAction: 'allow' } as const;

  it('reframeAbove must not exceed blockAbove', () => {
    expect(errorsOf({ ...base, injection: { reframeAbove: 0.9, blockAbove: 0.5 } })).toEqual([
      { path: '/injection/reframeAbove', message: 'reframeAbove (0.9) must be <= blockAbove (0.5)' },
    ]);
  });

  it('duplicate rules with overlapping sources are rejected; disjoint sources are fine', () => {
    const errors = errorsOf({
      ...base,
      classes: [
        { dataClass: 'secret', action: 'block', appliesTo: ['prompt'] },
        { dataClass: 'secret', action: 'encrypt', appliesTo: ['log'] },
        { dataClass: 'secret', action: 'allow' },
      ],
      entities: [
        { entity: 'API_KEY', action: 'block' },
        { entity: 'API_KEY', action: 'allow', appliesTo: ['log'] },
      ],
    });
    expect(errors).toEqual([
      { path: '/classes/2', message: "duplicate rule class:secret: overlaps /classes/1 for source 'log'" },
      { path: '/entities/1', message: "duplicate rule entity:API_KEY@log: overlaps /entities/0 for source 'log'" },
    ]);
  });

  it('template placeholders: exactly one {{content}}, only {{id}} besides', () => {
    expect(errorsOf({ ...base, reframe: { template: '{{content}} {{content}}' } })).toEqual([
      { path: '/reframe/template', message: '{{content}} must appear exactly once (found 2)' },
    ]);
    expect(errorsOf({ ...base, reframe: { template: '{{tenant}} {{content}}' } })).toEqual([
      { path: '/reframe/template', message: 'unknown placeholder {{tenant}} (allowed: {{content}}, {{id}})' },
    ]);
  });

  it('ISO duration of zero length and match-everything patterns are rejected', () => {
    expect(errorsOf({ ...base, classes: [{ dataClass: 'pii', action: 'encrypt', ttl: 'P0D' }], allowlist: { patterns: [{ pattern: '**' }] } })).toEqual([
      { path: '/classes/0/ttl', message: 'ttl must be a positive duration' },
      { path: '/allowlist/patterns/0/pattern', message: 'pattern matches every value' },
    ]);
  });

  it('unknown entities and ineffective settings are warnings, not errors', () => {
    const r = validateRuleset({
      ...base,
      entities: [{ entity: 'CREDITCARD', action: 'block', tokenFormat: 'fpe', ttl: 'P1D' }, { entity: 'PROMPT_LEAK', action: 'reframe', appliesTo: ['prompt'] }],
      allowlist: { patterns: [{ pattern: '#*' }] },
    });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual([
      '/entities/0/tokenFormat',
      '/entities/0/ttl',
      '/entities/0/entity',
      '/entities/1/entity',
      '/allowlist/patterns/0/pattern',
    ]);
  });
});

describe('validateRuleset: valid documents', () => {
  it.each([
    ['minimal', { schemaVersion: 1, defaultAction: 'allow' }],
    ['ACME example', ACME],
    ['built-in default', DEFAULT_RULESET],
  ])('%s is valid without warnings', (_n, json) => {
    const r = validateRuleset(json);
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });

  it('returns a private copy', () => {
    const json = JSON.parse(JSON.stringify(ACME)) as { minScore: number };
    const r = validateRuleset(json);
    json.minScore = 0;
    expect(r.ok && r.ruleset.minScore).toBe(0.5);
  });
});
