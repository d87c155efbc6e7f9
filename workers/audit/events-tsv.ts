/**
 * TabSeparated encoding of sentinel.events rows for INSERT.
 *
 * Why not JSONEachRow: JSON.stringify of a 26-field row plus ClickHouse's JSON parsing (on the same
 * cores as the sink) cost more per event than chaining it. TabSeparated is built by concatenation,
 * needs escaping only in the rare strings that contain a backslash or control character, and is
 * ClickHouse's cheapest text input. Values are written in the same textual form ClickHouse read
 * from the JSON (numbers via Number::toString, DateTime as epoch seconds), so stored rows are
 * identical; test/integration/events-tsv.integration.test.ts reads them back to prove it.
 *
 * DateTime is the one trap: ClickHouse 18.16's best_effort parser (the client default) misreads
 * epoch seconds in TabSeparated by a few seconds, and its basic parser takes exactly 10 digits. So
 * the insert uses the basic parser and ts is zero-padded to 10 digits; a row this cannot represent
 * exactly (ts outside DateTime's range, a non-finite number) fails tsvRepresentable, and the
 * store falls back to JSONEachRow for that batch.
 */
import type { AuditRow } from '../../pipelines/stages/audit.stage';

/** Column order of every encoded line; passed to INSERT so the table's column order is irrelevant. */
export const EVENT_COLUMNS = [
  'tenant_id', 'seq', 'event_id', 'event_type', 'ts', 'ts_ms', 'decision', 'request_id', 'source', 'matched_rules',
  'policy_id', 'policy_version', 'ruleset_hash', 'injection_score', 'token_count', 'ciphertext_len', 'latency_ms',
  'shadow', 'finding_entities', 'finding_classes', 'payload', 'prev_hash', 'hash', 'src_topic', 'src_partition', 'src_offset',
] as const satisfies readonly (keyof AuditRow)[];

// TabSeparated escapes, as ClickHouse itself writes them. Only backslash, tab and newline are
// structural (a reader splits on them); the other controls are escaped for readability of dumps.
// eslint-disable-next-line no-control-regex -- control characters are what must be escaped
const TSV_SPECIAL_G = /[\\\t\n\r\0\x08\x0c]/g;
// Inside an array literal a string is single-quoted, so the quote is escaped as well.
// eslint-disable-next-line no-control-regex
const QUOTED_SPECIAL_G = /[\\'\t\n\r\0\x08\x0c]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x08': '\\b', '\x0c': '\\f',
};
const escapeChar = (c: string): string => ESCAPES[c]!;

/**
 * Whether `s` has a structural character. indexOf is a memchr-like scan, ~20x faster than a
 * character-class regex on the ~400-character payload; strings without these three are written
 * as they are (a stray \r or \0 is valid TabSeparated data and reads back unchanged).
 */
const needsEscape = (s: string): boolean => s.indexOf('\\') !== -1 || s.indexOf('\t') !== -1 || s.indexOf('\n') !== -1;

function text(s: string): string {
  return needsEscape(s) ? s.replace(TSV_SPECIAL_G, escapeChar) : s;
}

function nullable(s: string | null): string {
  return s === null ? '\\N' : text(s);
}

function array(items: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const s = items[i]!;
    out += `${i > 0 ? ',' : ''}'${needsEscape(s) || s.indexOf("'") !== -1 ? s.replace(QUOTED_SPECIAL_G, escapeChar) : s}'`;
  }
  return `${out}]`;
}

/** Thrown when a row has no exact TabSeparated form; caught by tsvRepresentable only. */
const UNREPRESENTABLE: unique symbol = Symbol('not representable in TabSeparated');

/** JSON.stringify writes NaN/Infinity as null, which TabSeparated has no equivalent of here. */
function num(n: number): string {
  if (!Number.isFinite(n)) throw UNREPRESENTABLE;
  return String(n);
}

/** DateTime as the basic parser wants it: exactly 10 digits of epoch seconds (UInt32 range). */
function dateTime(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw UNREPRESENTABLE;
  return String(n).padStart(10, '0');
}

/** One TabSeparated line (with its newline) in {@link EVENT_COLUMNS} order. */
export function eventTsvLine(r: AuditRow): string {
  return (
    `${text(r.tenant_id)}\t${num(r.seq)}\t${text(r.event_id)}\t${text(r.event_type)}\t${dateTime(r.ts)}\t${num(r.ts_ms)}` +
    `\t${nullable(r.decision)}\t${nullable(r.request_id)}\t${nullable(r.source)}\t${array(r.matched_rules)}` +
    `\t${nullable(r.policy_id)}\t${nullable(r.policy_version)}\t${nullable(r.ruleset_hash)}\t${num(r.injection_score)}` +
    `\t${num(r.token_count)}\t${num(r.ciphertext_len)}\t${num(r.latency_ms)}\t${num(r.shadow)}` +
    `\t${array(r.finding_entities)}\t${array(r.finding_classes)}\t${text(r.payload)}\t${text(r.prev_hash)}\t${text(r.hash)}` +
    `\t${text(r.src_topic)}\t${num(r.src_partition)}\t${text(r.src_offset)}\n`
  );
}

const CHUNK = 256 * 1024;

/** Whether every row has an exact TabSeparated form (checked before anything is sent). */
export function tsvRepresentable(rows: readonly AuditRow[]): boolean {
  try {
    for (const r of rows) {
      dateTime(r.ts);
      for (const n of [r.seq, r.ts_ms, r.injection_score, r.token_count, r.ciphertext_len, r.latency_ms, r.shadow, r.src_partition]) num(n);
    }
    return true;
  } catch (err) {
    if (err === UNREPRESENTABLE) return false;
    throw err;
  }
}

/**
 * The batch as UTF-8 chunks of one INSERT body (one block, so still atomic), encoded lazily: the
 * HTTP stream pulls a chunk at a time, so ClickHouse parses the first chunks while later ones are
 * still being built, instead of waiting for the whole batch. Only one line is alive at a time,
 * not a 20k-line rope. Callers check {@link tsvRepresentable} first, so encoding cannot fail
 * halfway through a sent body.
 */
export function* eventsTsvChunks(rows: readonly AuditRow[]): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let off = 0;
  for (const r of rows) {
    const line = eventTsvLine(r);
    const worst = line.length * 3; // UTF-8 bytes per UTF-16 unit, at most
    if (off + worst > buf.length) {
      if (off > 0) yield buf.subarray(0, off);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, worst));
      off = 0;
    }
    off += buf.write(line, off, 'utf8');
  }
  if (off > 0) yield buf.subarray(0, off);
}
