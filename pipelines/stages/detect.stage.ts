import { detectSensitive } from '../detect/engine';
import { scoreInjection, type SignatureIndex } from '../detect/injection';
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
  const findings = detectSensitive(text, field === undefined ? undefined : { context: { fieldKeys: fieldKeysOf(field) } });
  // Logs are not instructions to a model, nor are a prompt's ids and metadata: injection scoring is
  // for the prompt text only.
  const injection = source === 'prompt' && field === undefined ? scoreInjection(text, { signatures }) : NO_INJECTION;
  return { findings, injection };
}

/** Stage 1 for one segment; '$' (a whole prompt text or unstructured log line) has no field context. */
export function detectSegment(s: Segment, source: 'prompt' | 'log', signatures?: SignatureIndex): Segment & { readonly detection: Detection } {
  return { ...s, detection: detectStage(s.text, source, signatures, s.path === '$' ? undefined : s.path) };
}

/** Stage 1 over every segment of an input. */
export function detectEnvelope(input: StageInput, receivedAt: number, signatures?: SignatureIndex): Envelope {
  const source = input.kind;
  const segments = segmentsOf(input).map((s) => detectSegment(s, source, signatures));
  return { input, segments, receivedAt };
}

/**
 * Stage 1's detections alone, one per segment in segmentsOf order: what a detect thread sends back
 * (a third of the bytes of the whole envelope, which repeats the input and every segment's text).
 */
export function detectInput(input: StageInput, signatures?: SignatureIndex): Detection[] {
  const source = input.kind;
  return segmentsOf(input).map((s) => detectSegment(s, source, signatures).detection);
}

/** The envelope detectEnvelope builds, from detections made elsewhere by detectInput. */
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
