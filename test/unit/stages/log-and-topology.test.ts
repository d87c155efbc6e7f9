import { findPlaceholders } from '../../../pipelines/cipher';
import { DEFAULT_POLICY_REF, validateRuleset } from '../../../pipelines/policy';
import { decideEnvelope } from '../../../pipelines/stages/decide.stage';
import { detectEnvelope } from '../../../pipelines/stages/detect.stage';
import { segmentsOf, type StageInput } from '../../../pipelines/stages/envelope';
import { BLOCKED_LOG_LINE } from '../../../pipelines/stages/log.stage';
import { protectEnvelope } from '../../../pipelines/stages/protect.stage';
import type { TenantContext } from '../../../pipelines/stages/stage.types';
import { TOPOLOGIES, workerPlan } from '../../../pipelines/topology';
import type { RawLog } from '../../../schemas/types';
import { memoryTenantContext } from '../../support/stage-context';

const TENANT = '7d9f0c2e-1b3a-4c5d-8e6f-0a1b2c3d4e5f';
const ctx: TenantContext = memoryTenantContext(TENANT);

function log(line: string): StageInput {
  const raw: RawLog = { tenant_id: TENANT, request_id: 'req-1', line, service: 'api', metadata: null, ts: null };
  return { kind: 'log', log: raw };
}

function run(input: StageInput, c: TenantContext = ctx) {
  return protectEnvelope(decideEnvelope(detectEnvelope(input, 0), c.policy), c, 1_700_000_000_000);
}

describe('structured log sanitization', () => {
  it('tokenizes sensitive string leaves and keeps the JSON structure, numbers and booleans', () => {
    const line = JSON.stringify({ level: 'info', user: { email: 'jo.smith@example.com', age: 41, vip: true }, tags: ['a', 'card 4539 1488 0343 6467'], n: null });
    const out = run(log(line));
    const sanitized = out.outputs[0]!;
    expect(sanitized.topic).toBe('logsSanitized');
    const parsed = JSON.parse((sanitized.value as { line: string }).line);
    expect(Object.keys(parsed)).toEqual(['level', 'user', 'tags', 'n']);
    expect(parsed.user.age).toBe(41);
    expect(parsed.user.vip).toBe(true);
    expect(parsed.n).toBeNull();
    expect(parsed.level).toBe('info');
    expect(findPlaceholders(parsed.user.email)).toHaveLength(1);
    expect(parsed.tags[1]).not.toContain('4539 1488 0343 6467');
    expect(out.vault.length).toBe(2);
    expect(out.events[0]!.findings.map((f) => f.path).sort()).toEqual(['$.tags[1]', '$.user.email']);
  });

  it('detects a bare person name under a name-ish key as PERSON, not a service or host name', () => {
    const line = JSON.stringify({ customer_name: 'Anna Kowalski', level: 'info', service_name: 'checkout-api', hostname: 'Web-Prod', patient: { firstName: 'Zoë' }, owner: { name: 'Payments' } });
    const out = run(log(line));
    const parsed = JSON.parse((out.outputs[0]!.value as { line: string }).line);
    expect(findPlaceholders(parsed.customer_name)).toMatchObject([{ kind: 'tok', entity: 'PERSON' }]);
    expect(findPlaceholders(parsed.patient.firstName)).toMatchObject([{ entity: 'PERSON' }]);
    expect(parsed).toMatchObject({ level: 'info', service_name: 'checkout-api', hostname: 'Web-Prod', owner: { name: 'Payments' } });
    expect(out.events[0]!.findings.map((f) => [f.path, f.entity, f.action])).toEqual([
      ['$.customer_name', 'PERSON', 'encrypt'],
      ['$.patient.firstName', 'PERSON', 'encrypt'],
    ]);
    // Prose keeps needing a textual cue: the same value in a plain line is not a key-cued finding.
    expect(run(log('Anna Kowalski')).events[0]!.findings.filter((f) => f.entity === 'PERSON' && f.score === 0.85)).toEqual([]);
  });

  it('treats a non-JSON line as one text', () => {
    const out = run(log('GET /orders user=jo.smith@example.com status=200'));
    const line = (out.outputs[0]!.value as { line: string }).line;
    expect(line.startsWith('GET /orders user=[[tok:EMAIL_ADDRESS:')).toBe(true);
    expect(line.endsWith(' status=200')).toBe(true);
  });

  it('withholds a blocked line entirely and stores no originals for it', () => {
    const strict = validateRuleset({ schemaVersion: 1, defaultAction: 'allow', classes: [{ dataClass: 'secret', action: 'block' }] });
    if (!strict.ok) throw new Error('test ruleset invalid');
    const c = { ...ctx, policy: { ruleset: strict.ruleset, ref: { ...DEFAULT_POLICY_REF, version: '9.9.9' } } };
    const out = run(log(JSON.stringify({ msg: 'deploy', key: 'AKIAZ3MSJV4WWNKWW5FJ' })), c);
    expect((out.outputs[0]!.value as { line: string; decision: string }).line).toBe(BLOCKED_LOG_LINE);
    expect(out.vault).toHaveLength(0);
    expect(out.events[0]!.decision).toBe('block');
  });

  it('splits JSON logs into one segment per string leaf', () => {
    expect(segmentsOf(log('{"a":"x","b":[1,"y"],"c":{"d":"z"}}')).map((s) => s.path)).toEqual(['$.a', '$.b[1]', '$.c.d']);
    expect(segmentsOf(log('{"weird key":"v"}')).map((s) => s.path)).toEqual(['$["weird key"]']);
  });
});

describe('topology', () => {
  it('fused runs all three stages in one worker; split chains three workers through internal topics', () => {
    expect(TOPOLOGIES.fused).toHaveLength(1);
    expect(TOPOLOGIES.fused[0]!.stages).toEqual(['detect', 'decide', 'protect']);
    const split = TOPOLOGIES.split;
    expect(split.map((p) => p.stages).flat()).toEqual(['detect', 'decide', 'protect']);
    for (let i = 1; i < split.length; i++) expect(split[i]!.input).toBe(split[i - 1]!.output);
    expect(workerPlan('decide')?.input).toBe('detected');
    expect(workerPlan('nope')).toBeUndefined();
  });

  it('gives the same result fused or through a serialized envelope (split)', () => {
    const input: StageInput = { kind: 'prompt', prompt: { tenant_id: TENANT, request_id: 'r', text: 'mail jo.smith@example.com card 4539 1488 0343 6467', conversation_id: 'c1', user_id: null, metadata: null, ts: null } };
    const fused = run(input);
    const detected = JSON.parse(JSON.stringify(detectEnvelope(input, 0)));
    const decided = JSON.parse(JSON.stringify(decideEnvelope(detected, ctx.policy)));
    const split = protectEnvelope(decided, ctx, 1_700_000_000_000);
    expect((split.outputs[0]!.value as { text: string }).text).toBe((fused.outputs[0]!.value as { text: string }).text);
    expect(split.vault.map((v) => v.tokenId)).toEqual(fused.vault.map((v) => v.tokenId));
  });
});
