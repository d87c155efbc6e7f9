/**
 * Typed failures of the cipher layer. Callers branch on `code`, never on message text.
 * Messages are written by this module only and never interpolate plaintext, keys or
 * token values: errors travel into logs and audit events, which must stay clean.
 */
export type CipherErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_RADIX'
  | 'INVALID_TWEAK'
  | 'INVALID_INPUT'
  | 'INPUT_TOO_SHORT'
  | 'INPUT_TOO_LONG'
  | 'INVALID_AAD'
  | 'MALFORMED_SEALED'
  | 'UNSUPPORTED_FORMAT'
  | 'KEY_VERSION_MISMATCH'
  | 'AUTH_FAILED'
  | 'INVALID_PLACEHOLDER'
  | 'INVALID_SPANS'
  | 'MALFORMED_SANITIZED_TEXT';

export class CipherError extends Error {
  readonly code: CipherErrorCode;

  constructor(code: CipherErrorCode, message: string) {
    super(message);
    this.name = 'CipherError';
    this.code = code;
  }
}

/** Narrowing helper for catch blocks (`unknown` in strict TS). */
export function isCipherError(err: unknown, code?: CipherErrorCode): err is CipherError {
  return err instanceof CipherError && (code === undefined || err.code === code);
}
