import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { env, type Env } from '../../config/env';

/**
 * The ClickHouse the stack installs is 18.16: no server-side query parameters, so every value
 * that goes into SQL text passes through the quoting helpers below (or is a validated identifier).
 * ISO timestamps need best_effort parsing.
 */
export function createClickHouse(e: Env = env()): ClickHouseClient {
  return createClient({
    url: e.CLICKHOUSE_URL,
    request_timeout: 30_000,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  });
}

/** Quotes a string literal for ClickHouse SQL (backslash and quote escaped, control chars hex-escaped). */
export function chString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\x00-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validates an identifier (database/table) before it is put in SQL text. */
export function chIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid ClickHouse identifier: ${name.slice(0, 40)}`);
  return name;
}

/** Validates an unsigned integer before it is put in SQL text. */
export function chUInt(n: number | bigint | string): string {
  const s = String(n);
  if (!/^\d{1,20}$/.test(s)) throw new Error('invalid unsigned integer for ClickHouse SQL');
  return s;
}
