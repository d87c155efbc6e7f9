import pino from 'pino';
import { env } from '../config/env';

/**
 * Structured JSON logs. Callers log ids, counts and reason codes — never message text or values.
 * The redact list is a second line of defence for fields that must never appear.
 */
export const logger = pino(
  {
    level: env().LOG_LEVEL,
    base: { svc: 'sentinel', pid: process.pid },
    redact: { paths: ['text', 'line', 'value', 'plaintext', '*.text', '*.line', '*.value', 'payload'], censor: '[redacted]' },
  },
  // stderr: stdout belongs to command output (e.g. `--json`, proofs piped into verify-inclusion).
  pino.destination({ fd: 2, sync: false }),
);

export type Logger = typeof logger;
