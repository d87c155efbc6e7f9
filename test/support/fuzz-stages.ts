import fc from 'fast-check';
import { openValue, restoreText } from '../../pipelines/cipher';
import { decideEnvelope } from '../../pipelines/stages/decide.stage';
import { detectEnvelope } from '../../pipelines/stages/detect.stage';
import type { StageInput } from '../../pipelines/stages/envelope';
import { parseLogLine } from '../../pipelines/stages/json-leaves';
import { protectEnvelope, type StageOutcome } from '../../pipelines/stages/protect.stage';
import type { TenantContext } from '../../pipelines/stages/stage.types';
import { HOSTILE_CHARS } from './fuzz-inputs';
import { email, groupedCard, luhnCard, prng } from './fixtures';
import { memoryTenantContext } from './stage-context';

export const TENANT = '7d9f0c2e-1b3a-4c5d-8e6f-0a1b2c3d4e5f';
export const stageCtx: TenantContext = memoryTenantContext(TENANT);

export function inputOf(kind: 'prompt' | 'log', text: string): StageInput {
  return kind === 'prompt'
    ? { kind, prompt: { tenant_id: TENANT, request_id: 'req-fuzz', text, conversation_id: 'conv-fuzz', user_id: null, metadata: null, ts: null } }
    : { kind, log: { tenant_id: TENANT, request_id: 'req-fuzz', line: text, service: 'fuzz', metadata: null, ts: null } };
}

/** detect → decide → protect, as the fused worker runs them. */
export function runStages(kind: 'prompt' | 'log', text: string): StageOutcome {
  return protectEnvelope(decideEnvelope(detectEnvelope(inputOf(kind, text), 0), stageCtx.policy), stageCtx, 1_700_000_000_000);
}

/** Restores a sanitized text from the outcome's own vault rows (what detokenization does). */
export function restoreFrom(outcome: StageOutcome, sanitized: string): string {
  const rows = new Map(outcome.vault.map((v) => [v.tokenId, v]));
  return restoreText(sanitized, (ref) => {
    const tokenId = ref.kind === 'fpe' ? `fpe:${ref.entity}:${ref.id}` : ref.id;
    const row = rows.get(tokenId);
    if (!row) throw new Error(`no vault row for ${tokenId}`);
    return openValue(stageCtx.dataKey.key, row.sealed, { tenantId: TENANT, tokenId, dataClass: row.dataClass, keyVersion: 1 }).toString('utf8');
  });
}

/** The text that must come back byte for byte, or null when the outcome is not restorable by design. */
export function restorable(kind: 'prompt' | 'log', text: string, outcome: StageOutcome): string | null {
  const out = outcome.outputs[0]!;
  if (out.topic === 'promptsBlocked') return null;
  const v = out.value as { decision: string; text?: string; line?: string };
  if (v.decision !== 'allow' && v.decision !== 'encrypt') return null;
  if (kind === 'log' && parseLogLine(text).structured) return null; // leaves restore one by one, re-serialized
  return kind === 'prompt' ? v.text! : v.line!;
}

const rand = prng(2024);
const SENSITIVE = Array.from({ length: 40 }, (_, i) => [email(rand), luhnCard(rand), groupedCard(luhnCard(rand)), `+1 415 555 01${String(i).padStart(2, '0')}`, `123-45-67${String(i).padStart(2, '0')}`][i % 5]!);

/** Regex-hostile units: long repeats of these are what catastrophic backtracking feeds on. */
export const HOSTILE_UNITS = [
  'a', ' ', '-', '=', '*', '#', '\\', '\\n', '1', '1 ', '1-', '4111', 'a@', '@a', 'a.b.c@', '[', '[[', '[[tok:', '((', '{"a":', '<|', '<|im_start|>', 'ignore all previous ', 'you are ',
  'system: ', '---\n', 'AKIA', 'ghp_', 'sk-', 'eyJ', 'Mr. ', 'St. ', 'my name is ', 'password: ', 'QUJD', '%41', '&#', 'é', '\u200b', '\u202e', '😀', 'іgnоrе ', '1.1.1.1 ', 'http://a', '12:', '+1 ', 'DE89',
];

/** Arbitrary texts: any code points, hostile mixes, sensitive values in hostile surroundings. */
export const fuzzText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_UNITS), fc.constantFrom(...HOSTILE_CHARS), fc.constantFrom(...SENSITIVE)), { maxLength: 200 }).map((a) => a.join('')),
  fc.tuple(fc.constantFrom(...HOSTILE_UNITS), fc.integer({ min: 1, max: 4000 })).map(([u, n]) => u.repeat(n)),
  fc.tuple(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...SENSITIVE)).map(([v, s]) => JSON.stringify({ v, s, msg: `user ${s} did x` })),
);
