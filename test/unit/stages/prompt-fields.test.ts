import { findPlaceholders } from '../../../pipelines/cipher';
import { rulesetHash } from '../../../pipelines/policy';
import { decideEnvelope } from '../../../pipelines/stages/decide.stage';
import { detectEnvelope } from '../../../pipelines/stages/detect.stage';
import type { Envelope, StageInput } from '../../../pipelines/stages/envelope';
import { protectEnvelope } from '../../../pipelines/stages/protect.stage';
import { promptFieldSegments } from '../../../pipelines/stages/prompt-fields';
import type { TenantContext } from '../../../pipelines/stages/stage.types';
import type { BlockedPrompt, RawPrompt, SanitizedPrompt } from '../../../schemas/types';
import { rulesetV } from '../../support/policy-fixtures';
import { memoryTenantContext } from '../../support/stage-context';

const TENANT = '3a9f0c2e-1b3a-4c5d-8e6f-0a1b2c3d4e5f';
const ctx: TenantContext = memoryTenantContext(TENANT);
const CARD = '4539 1488 0343 6467';
const MAIL = 'anna.kowalski@example.com';
const NOW = 1_700_000_000_000;

function prompt(p: Partial<RawPrompt>): StageInput {
  return { kind: 'prompt', prompt: { tenant_id: TENANT, request_id: 'req-1', text: 'Summarise the ticket.', conversation_id: null, user_id: null, metadata: null, ts: null, ...p } };
}

function run(input: StageInput, c: TenantContext = ctx) {
  return protectEnvelope(decideEnvelope(detectEnvelope(input, 0), c.policy), c, NOW);
}

const sanitized = (input: StageInput, c?: TenantContext) => run(input, c).outputs[0]!.value as SanitizedPrompt;

describe('prompt pass-through fields', () => {
  it('tokenizes a card number and an e-mail in metadata values, with paths in the audit event', () => {
    const out = run(prompt({ metadata: { card: `paid with ${CARD}`, contact: MAIL, app: 'helpdesk' } }));
    const s = out.outputs[0]!.value as SanitizedPrompt;
    expect(out.outputs[0]!.topic).toBe('promptsSanitized');
    expect(s.metadata!.app).toBe('helpdesk');
    expect(s.metadata!.card).toMatch(/^paid with \[\[fpe:CREDIT_CARD:[\d ]+\]\]$/);
    expect(findPlaceholders(s.metadata!.contact!)).toMatchObject([{ entity: 'EMAIL_ADDRESS' }]);
    expect(JSON.stringify(out)).not.toContain(MAIL);
    expect(JSON.stringify(s)).not.toContain(CARD);
    expect(s.decision).toBe('encrypt');
    expect(s.token_count).toBe(2);
    expect(out.vault).toHaveLength(2);
    const ev = out.events[0]!;
    expect(ev.findings.map((f) => [f.path, f.entity, f.action])).toEqual([
      ['metadata.card', 'CREDIT_CARD', 'encrypt'],
      ['metadata.contact', 'EMAIL_ADDRESS', 'encrypt'],
    ]);
    expect(ev.token_count).toBe(2);
  });

  it('keeps opaque ids unchanged and tokenizes an e-mail user id the same way in every request', () => {
    const plain = sanitized(prompt({ user_id: 'u-8842', conversation_id: 'conv-17', metadata: { app: 'x' } }));
    expect(plain).toMatchObject({ user_id: 'u-8842', conversation_id: 'conv-17', metadata: { app: 'x' }, decision: 'allow', token_count: 0 });
    const a = run(prompt({ user_id: MAIL, conversation_id: 'conv-1' }));
    const b = run(prompt({ request_id: 'req-2', user_id: MAIL, conversation_id: 'conv-2' }));
    const ua = (a.outputs[0]!.value as SanitizedPrompt).user_id!;
    expect(findPlaceholders(ua)).toMatchObject([{ kind: 'tok', entity: 'EMAIL_ADDRESS' }]);
    expect((b.outputs[0]!.value as SanitizedPrompt).user_id).toBe(ua);
    // Tenant-wide id token: no conversation on the vault row, and the audit event carries the token.
    expect(a.vault).toMatchObject([{ conversationId: null }]);
    expect(a.events[0]).toMatchObject({ user_id: ua, findings: [{ path: 'user_id', entity: 'EMAIL_ADDRESS' }] });
  });

  it('keys deterministic tokens on the tokenized conversation id when the id itself is sensitive', () => {
    const text = `Write to ${MAIL} again.`;
    const one = sanitized(prompt({ conversation_id: MAIL, text }));
    const two = sanitized(prompt({ request_id: 'req-2', conversation_id: MAIL, text }));
    expect(one.conversation_id).not.toContain(MAIL);
    expect(findPlaceholders(one.conversation_id!)).toHaveLength(1);
    expect(two.conversation_id).toBe(one.conversation_id);
    // Same conversation → same deterministic token for the e-mail in the text, as with an opaque id.
    expect(two.text).toBe(one.text);
    // The key is the id's placeholder (what consumers see), not the plaintext e-mail.
    const other = sanitized(prompt({ conversation_id: one.conversation_id, text }));
    expect(other.text).toBe(one.text);
    expect(sanitized(prompt({ conversation_id: 'conv-9', text })).text).not.toBe(one.text);
  });

  it('blocks the whole prompt when a field holds what the policy blocks, and leaks no id', () => {
    const out = run(prompt({ user_id: MAIL, metadata: { deploy_key: 'AKIAZ3MSJV4WWNKWW5FJ' } }));
    expect(out.outputs[0]!.topic).toBe('promptsBlocked');
    const b = out.outputs[0]!.value as BlockedPrompt;
    expect(b.user_id).not.toContain(MAIL);
    expect(b.matched_rules).toContain('class:secret@prompt');
    expect(out.vault).toHaveLength(0);
    expect(out.events[0]!.decision).toBe('block');
    expect(out.events[0]!.findings.map((f) => f.path)).toEqual(['user_id', 'metadata.deploy_key']);
    expect(JSON.stringify(out)).not.toMatch(/AKIAZ3MSJV4WWNKWW5FJ|anna\.kowalski/);
  });

  it('renames a metadata key that holds an e-mail to its placeholder and never names it in audit paths', () => {
    const out = run(prompt({ metadata: { [MAIL]: 'vip' } }));
    const s = out.outputs[0]!.value as SanitizedPrompt;
    const keys = Object.keys(s.metadata!);
    expect(keys).toHaveLength(1);
    expect(findPlaceholders(keys[0]!)).toMatchObject([{ entity: 'EMAIL_ADDRESS' }]);
    expect(s.metadata![keys[0]!]).toBe('vip');
    expect(out.events[0]!.findings[0]!.path).toBe(`metadata[${JSON.stringify(keys[0])}]~`);
    expect(JSON.stringify(out)).not.toContain(MAIL);
  });

  it('detects a person name in a name-ish metadata value through the key cue', () => {
    const s = sanitized(prompt({ metadata: { customer_name: 'Anna Kowalski', service_name: 'Checkout' } }));
    expect(findPlaceholders(s.metadata!.customer_name!)).toMatchObject([{ entity: 'PERSON' }]);
    expect(s.metadata!.service_name).toBe('Checkout');
  });

  it('gives the same result fused and through serialized envelopes (split), fields included', () => {
    const input = prompt({ text: `card ${CARD}`, user_id: MAIL, conversation_id: 'c1', metadata: { contact: MAIL, card: CARD } });
    const fused = run(input);
    const detected = JSON.parse(JSON.stringify(detectEnvelope(input, 0))) as Envelope;
    const decided = JSON.parse(JSON.stringify(decideEnvelope(detected, ctx.policy))) as Envelope;
    const split = protectEnvelope(decided, ctx, NOW);
    expect(split.outputs).toEqual(fused.outputs);
    expect(split.vault.map((v) => v.tokenId)).toEqual(fused.vault.map((v) => v.tokenId));
    expect(split.events).toEqual(fused.events);
  });

  it('scans fields of an envelope from a detect worker that predates field scanning', () => {
    const input = prompt({ metadata: { contact: MAIL } });
    const old = detectEnvelope(input, 0);
    const legacy: Envelope = { ...old, segments: old.segments.filter((s) => s.path === '$') };
    const s = protectEnvelope(decideEnvelope(legacy, ctx.policy), ctx, NOW).outputs[0]!.value as SanitizedPrompt;
    expect(s.metadata!.contact).not.toContain(MAIL);
    // …and stage 3 fails closed on a decided envelope that lacks them (an old decide worker).
    const decided = decideEnvelope(old, ctx.policy);
    expect(() => protectEnvelope({ ...decided, segments: decided.segments.filter((x) => x.path === '$') }, ctx, NOW)).toThrow(/without its decided segment/);
  });

  it('records shadow decisions of fields with the enforced audit paths', () => {
    const blockPii = rulesetV('block');
    const c: TenantContext = { ...ctx, policy: { ...ctx.policy, shadow: { ruleset: blockPii, ref: { policyId: 'cand', version: '2.0.0', rulesetHash: rulesetHash(blockPii) } } } };
    const out = run(prompt({ user_id: MAIL }), c);
    expect(out.events).toHaveLength(2);
    expect(out.events[1]).toMatchObject({ shadow: true, decision: 'block', user_id: (out.outputs[0]!.value as SanitizedPrompt).user_id });
    expect(out.events[1]!.findings.map((f) => f.path)).toEqual(['user_id']);
  });

  it('lists segments for ids, and metadata keys and values', () => {
    const p = (prompt({ conversation_id: 'c', user_id: '', metadata: { a: '1', 'x-y': '2' } }) as { prompt: RawPrompt }).prompt;
    expect(promptFieldSegments(p).map((s) => s.path)).toEqual(['conversation_id', 'metadata.a~', 'metadata.a', 'metadata["x-y"]~', 'metadata["x-y"]']);
  });
});
