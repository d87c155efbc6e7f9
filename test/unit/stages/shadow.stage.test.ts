import { DEFAULT_POLICY_REF, DEFAULT_RULESET, rulesetHash } from '../../../pipelines/policy';
import { detectStage } from '../../../pipelines/stages/detect.stage';
import { processPrompt } from '../../../pipelines/stages/prompt.stage';
import { shadowDecisionEvent } from '../../../pipelines/stages/shadow.stage';
import type { TenantContext } from '../../../pipelines/stages/stage.types';
import { rulesetV } from '../../support/policy-fixtures';

const TENANT = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const blockPii = rulesetV('block');
const base: TenantContext = {
  tenantId: TENANT,
  policy: { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF },
  dataKey: { version: 1, key: Buffer.alloc(32, 1) },
  tokenKey: { version: 1, key: Buffer.alloc(32, 2) },
  defaultTtlSeconds: 3600,
};
const withShadow: TenantContext = { ...base, policy: { ...base.policy, shadow: { ruleset: blockPii, ref: { policyId: 'cand', version: '2.0.0', rulesetHash: rulesetHash(blockPii) } } } };
const prompt = { tenant_id: TENANT, request_id: 'req-1', text: 'Mail alice@example.com the report.', conversation_id: null, user_id: null, metadata: null, ts: 0 };

describe('shadowDecisionEvent', () => {
  const detection = detectStage(prompt.text, 'prompt');

  it('returns null without a candidate', () => {
    expect(shadowDecisionEvent(prompt, detection, base, 'prompt', 1000)).toBeNull();
  });

  it("records the candidate's decision as a shadow event, distinct from the enforced one", () => {
    const enforced = processPrompt(prompt, detection, withShadow, 1000);
    const shadow = shadowDecisionEvent(prompt, detection, withShadow, 'prompt', 1000);
    expect(enforced.kind).toBe('sanitized');
    expect(enforced.event).toMatchObject({ decision: 'encrypt', shadow: false, policy_version: DEFAULT_POLICY_REF.version });
    expect(shadow).toMatchObject({ decision: 'block', shadow: true, policy_id: 'cand', policy_version: '2.0.0', token_count: 0, ciphertext_len: 0 });
    expect(shadow?.event_id).not.toBe(enforced.event.event_id);
    // Deterministic: a replay derives the same event.
    expect(shadowDecisionEvent(prompt, detection, withShadow, 'prompt', 1000)).toEqual(shadow);
  });

  it('counts the spans a candidate would tokenize', () => {
    const encryptAll = rulesetV('encrypt');
    const ctx: TenantContext = { ...base, policy: { ...base.policy, shadow: { ruleset: encryptAll, ref: { policyId: 'c', version: '3.0.0', rulesetHash: rulesetHash(encryptAll) } } } };
    expect(shadowDecisionEvent(prompt, detection, ctx, 'prompt', 1000)).toMatchObject({ decision: 'encrypt', token_count: 1 });
  });
});
