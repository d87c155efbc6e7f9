/**
 * Why a detokenization was refused. Stable codes: they go into audit events and exit messages,
 * and analysts query on them. Messages never include values, only counts and codes.
 */
export type RefusalCode =
  | 'invalid_request'
  | 'missing_actor'
  | 'missing_reason'
  | 'unknown_reason'
  | 'too_many_tokens'
  | 'malformed_text'
  | 'not_found'
  | 'expired'
  | 'key_destroyed'
  | 'integrity_failure';

export class DetokenizeRefusedError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: RefusalCode,
    message: string,
    /** The audit event recording the refusal (null only when no tenant could be attributed). */
    readonly eventId: string | null,
  ) {
    super(`detokenize refused (${code}): ${message}`);
    this.name = 'DetokenizeRefusedError';
  }
}

export function isDetokenizeRefused(err: unknown, code?: RefusalCode): err is DetokenizeRefusedError {
  return err instanceof DetokenizeRefusedError && (code === undefined || err.code === code);
}
