import { detectSensitive } from '../detect/engine';
import { scoreInjection, type SignatureIndex } from '../detect/injection';
import type { Finding, InjectionResult } from '../detect/types';
import { segmentsOf, type Envelope, type StageInput } from './envelope';

export interface Detection {
  readonly findings: readonly Finding[];
  readonly injection: InjectionResult;
}

const NO_INJECTION: InjectionResult = { score: 0, detected: false, reasons: [] };

/** Stage 1 (Sentinel) for one text: sensitive values and, for prompts, the injection score. */
export function detectStage(text: string, source: 'prompt' | 'log', signatures?: SignatureIndex): Detection {
  const findings = detectSensitive(text);
  // Logs are not instructions to a model: injection scoring is for prompts only.
  const injection = source === 'prompt' ? scoreInjection(text, { signatures }) : NO_INJECTION;
  return { findings, injection };
}

/** Stage 1 over every segment of an input. */
export function detectEnvelope(input: StageInput, receivedAt: number, signatures?: SignatureIndex): Envelope {
  const source = input.kind;
  const segments = segmentsOf(input).map((s) => ({ ...s, detection: detectStage(s.text, source, signatures) }));
  return { input, segments, receivedAt };
}
