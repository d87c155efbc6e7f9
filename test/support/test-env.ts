import { randomBytes } from 'node:crypto';
import { loadEnv, type Env } from '../../workers/config/env';

/**
 * An environment for one test file: the local stack's defaults plus a unique topic prefix, so
 * every test gets its own topics and consumer groups on the shared broker.
 */
export function isolatedEnv(label: string, extra: Record<string, string> = {}): { env: Env; vars: Record<string, string> } {
  const vars: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TOPIC_PREFIX: `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}.${label}.`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extra,
  };
  return { env: loadEnv(vars), vars };
}
