import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import type { Pool } from 'pg';
import { groupedCard, luhnCard, prng } from './fixtures';

/** Unique-per-run plaintext secrets: any sighting outside raw topics and vault ciphertext is a leak. */
export interface Canaries {
  readonly card: string;
  readonly awsKey: string;
  readonly email: string;
  readonly githubToken: string;
  readonly ssn: string;
  readonly name: string;
}

export function makeCanaries(): Canaries {
  const rand = prng(randomBytes(4).readUInt32BE(0));
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const area = 100 + Math.floor(rand() * 500); // 100..599: never 000, 666 or 9xx
  return {
    card: groupedCard(luhnCard(rand, '4556')),
    awsKey: `AKIA${pick(upper, 16)}`,
    email: `canary.${pick('abcdefghijklmnopqrstuvwxyz', 10)}@canary-mail.example`,
    githubToken: `ghp_${pick(alnum, 36)}`,
    ssn: `${area}-${10 + Math.floor(rand() * 89)}-${1000 + Math.floor(rand() * 8999)}`,
    name: `Zorvath Quil${pick('abcdefghijklmnopqrstuvwxyz', 5)}`,
  };
}

/** The needles: each value, and its digits alone for the separator-formatted ones. */
export function needles(c: Canaries): string[] {
  return [...Object.values(c), c.card.replace(/\D/g, ''), c.ssn.replace(/\D/g, '')];
}

/** Which needles occur in a text (or buffer, read as UTF-8). */
export function hitsIn(haystack: string | Buffer, n: readonly string[]): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('utf8');
  return n.filter((x) => text.includes(x));
}

/** Streams `SELECT * FROM table FORMAT TabSeparated` and counts needle occurrences (chunk-boundary safe). */
export function clickHouseHits(url: string, table: string, n: readonly string[]): Promise<string[]> {
  const query = encodeURIComponent(`SELECT * FROM ${table} FORMAT TabSeparated`);
  const longest = Math.max(...n.map((x) => x.length));
  return new Promise((resolve, reject) => {
    get(`${url}/?query=${query}`, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`clickhouse ${table}: HTTP ${res.statusCode}`));
      const found = new Set<string>();
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const window = tail + chunk;
        for (const x of hitsIn(window, n)) found.add(x);
        tail = window.slice(-longest);
      });
      res.on('end', () => resolve([...found]));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * Every row of every public Postgres table, as text, searched server side (LIKE on the row's text
 * form). `skipColumns` leaves out the vault's ciphertext. Returns hits per table.
 */
export async function postgresHits(admin: Pool, n: readonly string[], skipColumns: Record<string, string[]>): Promise<{ tables: string[]; hits: string[] }> {
  const tables = (await admin.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")).rows.map((r) => r.t);
  const patterns = n.map((x) => `%${x.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const hits: string[] = [];
  for (const t of tables) {
    const cols = (await admin.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', ['public', t])).rows
      .map((r) => r.c)
      .filter((c) => !(skipColumns[t] ?? []).includes(c));
    const row = `ROW(${cols.map((c) => `"${c}"`).join(', ')})::text`;
    const res = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE ${row} LIKE ANY($1::text[])`, [patterns]);
    if (res.rows[0]!.n > 0) hits.push(`${t}: ${res.rows[0]!.n} row(s)`);
  }
  return { tables, hits };
}
