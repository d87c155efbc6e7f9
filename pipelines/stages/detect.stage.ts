import { detectSensitive } from '../detect/engine';
import { scoreInjection, type SignatureIndex } from '../detect/injection';
import { CleanValueMemo } from '../detect/clean-values';
import type { Finding, InjectionResult } from '../detect/types';
import { segmentsOf, type Envelope, type Segment, type StageInput } from './envelope';
import { fieldKeysOf } from './json-leaves';
import { promptFieldSegments } from './prompt-fields';

export interface Detection {
  readonly findings: readonly Finding[];
  readonly injection: InjectionResult;
}

const NO_INJECTION: InjectionResult = { score: 0, detected: false, reasons: [] };

/**
 * Stage 1 (Sentinel) for one text: sensitive values and, for a prompt's text, the injection score.
 * `field` is the text's path in a structured record (a JSON log leaf, a prompt's metadata value):
 * its keys are context for key-cued recognizers ({"customer_name":"Anna Kowalski"}).
 */
export function detectStage(text: string, source: 'prompt' | 'log', signatures?: SignatureIndex, field?: string): Detection {
  return { findings: findingsIn(text, field), injection: injectionIn(text, source, signatures, field) };
}

/** Recurring short field values found clean (clean-values.ts): one per isolate, as each detect thread loads this module. */
const cleanFields = new CleanValueMemo();

function findingsIn(text: string, field: string | undefined): Finding[] {
  if (field === undefined) return detectSensitive(text);
  if (cleanFields.isClean(field, text)) return [];
  const findings = detectSensitive(text, { context: { fieldKeys: fieldKeysOf(field) } });
  if (findings.length === 0) cleanFields.recordClean(field, text);
  return findings;
}

/** Logs are not instructions to a model, nor are a prompt's ids and metadata: injection scoring is for the prompt text only. */
function injectionIn(text: string, source: 'prompt' | 'log', signatures: SignatureIndex | undefined, field: string | undefined): InjectionResult {
  return source === 'prompt' && field === undefined ? scoreInjection(text, { signatures }) : NO_INJECTION;
}

/** A segment's field path; '$' (a whole prompt text or unstructured log line) has no field context. */
function fieldOf(s: Segment): string | undefined {
  return s.path === '$' ? undefined : s.path;
}

/** Stage 1 for one segment. */
export function detectSegment(s: Segment, source: 'prompt' | 'log', signatures?: SignatureIndex): Segment & { readonly detection: Detection } {
  return { ...s, detection: detectStage(s.text, source, signatures, fieldOf(s)) };
}

/** Stage 1 over every segment of an input. */
export function detectEnvelope(input: StageInput, receivedAt: number, signatures?: SignatureIndex): Envelope {
  const source = input.kind;
  const segments = segmentsOf(input).map((s) => detectSegment(s, source, signatures));
  return { input, segments, receivedAt };
}

/** What stage 1 came to for one input: its detections, one per segment in segmentsOf order, or what it threw. */
export type DetectAttempt = { readonly ok: true; readonly detections: readonly Detection[] } | { readonly ok: false; readonly error: unknown };

/**
 * Stage 1's detections alone for many inputs: what a detect thread sends back (a third of the bytes
 * of whole envelopes, which repeat the input and every segment's text). The results are
 * detectSegment's, but computed phase by phase: every segment's sensitive values first, then every
 * prompt text's injection score. Each phase runs a lot of code over its own tables (43 recognizers'
 * regexes and word lists; the embedder and ~17,000 signature weights). Alternating them prompt by
 * prompt, as detectSegment does, cost ~20 % more CPU on batches of 250 prompts of 500 characters,
 * most likely as each phase evicted the other's working set from the CPU caches. An input that
 * throws fails alone, with the first error of the first phase it failed in.
 */
export function detectInputs(inputs: readonly StageInput[], signatures?: SignatureIndex): DetectAttempt[] {
  const found = inputs.map((input) => attempt(() => segmentsOf(input).map((s) => ({ s, findings: findingsIn(s.text, fieldOf(s)) }))));
  return found.map((f, i) => {
    if (!f.ok) return f;
    const source = inputs[i]!.kind;
    const scored = attempt(() => f.value.map(({ s, findings }) => ({ findings, injection: injectionIn(s.text, source, signatures, fieldOf(s)) })));
    return scored.ok ? { ok: true, detections: scored.value } : scored;
  });
}

function attempt<T>(fn: () => T): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The envelope detectEnvelope builds, from detections made elsewhere by detectInputs. */
export function envelopeWithDetections(input: StageInput, detections: readonly Detection[], receivedAt: number): Envelope {
  const segments = segmentsOf(input);
  if (segments.length !== detections.length) throw new Error(`${detections.length} detections for ${segments.length} segments`);
  return { input, segments: segments.map((s, i) => ({ ...s, detection: detections[i]! })), receivedAt };
}

/**
 * Adds the field segments a detect worker that predates field scanning did not produce (a rolling
 * upgrade of the split topology), so such envelopes are scanned rather than failing in stage 3.
 */
export function completeSegments(env: Envelope): Envelope {
  if (env.input.kind !== 'prompt') return env;
  const have = new Set(env.segments.map((s) => s.path));
  const missing = promptFieldSegments(env.input.prompt).filter((s) => !have.has(s.path));
  return missing.length === 0 ? env : { ...env, segments: [...env.segments, ...missing.map((s) => detectSegment(s, 'prompt'))] };
}
