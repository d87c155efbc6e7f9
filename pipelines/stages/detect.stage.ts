import { detectSensitive } from '../detect/engine';
import { scoreInjection, type SignatureIndex } from '../detect/injection';
import type { Finding, InjectionResult } from '../detect/types';

export interface Detection {
  readonly findings: readonly Finding[];
  readonly injection: InjectionResult;
}

/** Stage 1 (Sentinel): sensitive values and, for prompts, the injection score. */
export function detectStage(text: string, source: 'prompt' | 'log', signatures?: SignatureIndex): Detection {
  const findings = detectSensitive(text);
  // Logs are not instructions to a model: injection scoring is for prompts only.
  const injection: InjectionResult = source === 'prompt' ? scoreInjection(text, { signatures }) : { score: 0, detected: false, reasons: [] };
  return { findings, injection };
}
