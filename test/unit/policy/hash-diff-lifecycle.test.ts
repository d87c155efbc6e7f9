import { canonicalize } from '../../../pipelines/audit/canonical-json';
import type { PolicyVersion, Ruleset } from '../../../pipelines/policy';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET, canTransition, canonicalRuleset, diffRulesets, globMatch, matchAllowlist, rulesetHash, selectApplicable, ttlToSeconds } from '../../../pipelines/policy';
import { ACME } from './helpers';

/** The tiny sorted-keys stringify the brief describes; JCS must agree with it on rulesets. */
function sortedStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedStringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedStringify(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

describe('rulesetHash', () => {
  it('is sha256 over sorted-keys JSON, independent of key order', () => {
    const shuffled = { ...Object.fromEntries(Object.entries(ACME).reverse()) } as unknown as Ruleset;
    expect(canonicalRuleset(ACME)).toBe(sortedStringify(ACME));
    expect(canonicalRuleset(ACME)).toBe(canonicalize(ACME));
    expect(rulesetHash(shuffled)).toBe(rulesetHash(ACME));
    expect(rulesetHash(ACME)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rulesetHash({ ...ACME, minScore: 0.6 })).not.toBe(rulesetHash(ACME));
    expect(DEFAULT_POLICY_REF.rulesetHash).toBe(rulesetHash(DEFAULT_RULESET));
  });
});

describe('diffRulesets', () => {
  it('keys rules by id and reports added/removed/changed with pointer paths', () => {
    const after: Ruleset = {
      ...ACME,
      minScore: 0.6,
      description: undefined,
      classes: [...(ACME.classes ?? []).filter((c) => c.dataClass !== 'pci').reverse(), { dataClass: 'phi', action: 'encrypt' }],
      entities: [{ entity: 'PERSON', action: 'encrypt', minScore: 0.8 }],
      allowlist: { emailDomains: ['acme.com', 'acme.io'], patterns: ACME.allowlist?.patterns },
    };
    const d = diffRulesets(ACME, JSON.parse(JSON.stringify(after)));
    expect(d).toEqual({
      added: [
        { path: '/allowlist/emailDomains/-', value: 'acme.io' },
        { path: '/classes/class:phi', value: { dataClass: 'phi', action: 'encrypt' } },
      ],
      removed: [
        { path: '/classes/class:pci', value: ACME.classes?.[3] },
        { path: '/description', value: ACME.description },
      ],
      changed: [
        { path: '/entities/entity:PERSON/action', from: 'allow', to: 'encrypt' },
        { path: '/minScore', from: 0.5, to: 0.6 },
      ],
    });
  });
});

describe('lifecycle', () => {
  const versions: PolicyVersion[] = [
    { id: 'a', version: '1.0.0', status: 'deprecated' },
    { id: 'b', version: '1.2.0', status: 'active' },
    { id: 'c', version: '1.10.0', status: 'active' },
    { id: 'd', version: '2.0.0', status: 'draft' },
    { id: 'e', version: '0.9.0', status: 'archived' },
    { id: 'f', version: 'not-semver', status: 'active' },
  ];
  it.each([
    [undefined, 'c'],
    ['1.0.0', 'a'],
    ['^1.0.0', 'c'],
    ['~1.2', 'b'],
    ['2.0.0', undefined],
    ['0.9.0', undefined],
    ['3.x', undefined],
  ])('pin %s -> %s', (pin, id) => {
    expect(selectApplicable(versions, pin)?.id).toBe(id);
  });

  it.each([
    ['draft', 'active', true], ['draft', 'archived', true], ['active', 'deprecated', true], ['deprecated', 'active', true],
    ['deprecated', 'archived', true], ['active', 'archived', false], ['archived', 'active', false], ['active', 'draft', false], ['draft', 'draft', false],
  ] as const)('%s -> %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });
});

describe('helpers', () => {
  it.each([
    ['P30D', 2592000], ['PT12H', 43200], ['P1W', 604800], ['P1DT1M', 86460], [3600, 3600], ['P', undefined], ['P1Y', undefined], [0, undefined], ['PT0S', undefined],
  ] as const)('ttl %s -> %s', (ttl, s) => expect(ttlToSeconds(ttl)).toBe(s));

  it.each([
    ['4111########1111', '4111222233331111', true], ['4111*', '4111', true], ['a?c', 'abc', true], ['a?c', 'ac', false],
    ['#', 'x', false], ['*x*y', 'axbxcy', true], ['*x*y', 'axbxc', false], ['', '', true],
  ])('glob %s ~ %s = %s', (p, s, ok) => expect(globMatch(p, s)).toBe(ok));

  it('allowlist precedence and email subdomain wildcard', () => {
    const al = { values: ['x@b.com'], emailDomains: ['*.acme.com', 'b.com'], patterns: [{ pattern: '5555*', entities: ['CREDIT_CARD'] }] };
    expect(matchAllowlist(al, 'EMAIL_ADDRESS', 'x@b.com')).toBe('allowlist:value');
    expect(matchAllowlist(al, 'EMAIL_ADDRESS', 'y@B.com')).toBe('allowlist:email_domain');
    expect(matchAllowlist(al, 'EMAIL_ADDRESS', 'y@eu.acme.com')).toBe('allowlist:email_domain');
    expect(matchAllowlist(al, 'EMAIL_ADDRESS', 'y@acme.com')).toBeUndefined();
    expect(matchAllowlist(al, 'EMAIL_ADDRESS', 'y@evilacme.com')).toBeUndefined();
    expect(matchAllowlist(al, 'PHONE_NUMBER', '5555 1234')).toBeUndefined();
    expect(matchAllowlist(al, 'CREDIT_CARD', '5555 1234')).toBe('allowlist:pattern');
  });
});
