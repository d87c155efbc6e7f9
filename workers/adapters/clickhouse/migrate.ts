import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { findRepoDir } from '../../config/repo-paths';

/**
 * Runs sql/clickhouse/NNN_*.sql in order. Each file holds one statement (the HTTP interface runs
 * one per request) written with IF NOT EXISTS, so running it again changes nothing.
 */
export async function migrateClickHouse(ch: ClickHouseClient): Promise<string[]> {
  const dir = findRepoDir('sql/clickhouse');
  const files = readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  for (const file of files) {
    const query = readFileSync(join(dir, file), 'utf8').trim().replace(/;$/, '');
    try {
      await ch.command({ query });
    } catch (err) {
      throw new Error(`clickhouse ${file} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return files;
}
