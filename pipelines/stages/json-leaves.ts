import { PipelineRejection } from '../errors';

/**
 * Structured log lines: walk a parsed JSON value and rewrite its string leaves, keeping the
 * structure (objects, arrays, numbers, booleans, key order) as it was. Object keys are not
 * rewritten: they are schema, not data, in the logs we see.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 64;

/** Calls `visit(path, value)` for every string leaf; the returned string replaces the leaf. */
export function mapStringLeaves(value: Json, visit: (path: string, leaf: string) => string, path = '$', depth = 0): Json {
  // A rejection (not a crash): such a line goes straight to the DLQ instead of being retried.
  if (depth > MAX_DEPTH) throw new PipelineRejection('schema_violation', `log JSON nested deeper than ${MAX_DEPTH} levels`);
  if (typeof value === 'string') return visit(path, value);
  if (Array.isArray(value)) return value.map((v, i) => mapStringLeaves(v, visit, `${path}[${i}]`, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStringLeaves(v, visit, `${path}${pathKey(k)}`, depth + 1);
    return out;
  }
  return value;
}

/** One path step for object key `k`: `.k` for identifiers, `["k"]` (JSON-quoted) otherwise. */
export function pathKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\]|\[\d+\]/y;

/**
 * The object keys along a path built by mapStringLeaves / pathKey (`$.user["full name"]` →
 * user, full name), array indexes left out: detectors read the innermost key as context. A root
 * that is a bare identifier (`metadata.card`, `user_id`) counts as a key; a trailing `~` (a path
 * naming a key rather than its value) yields no keys, since a key has no key of its own.
 */
export function fieldKeysOf(path: string): string[] {
  if (path.endsWith('~')) return [];
  const root = /^(?:\$|[A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (!root) return [];
  const keys = root[0] === '$' ? [] : [root[0]];
  STEP.lastIndex = root[0].length;
  let m: RegExpExecArray | null;
  while (STEP.lastIndex < path.length && (m = STEP.exec(path)) !== null) {
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(JSON.parse(m[2]) as string);
  }
  return keys;
}

/** A log line that is a JSON object or array is structured; anything else is one text leaf. */
export function parseLogLine(line: string): { structured: true; value: Json } | { structured: false } {
  const first = line.trimStart()[0];
  if (first !== '{' && first !== '[') return { structured: false };
  try {
    return { structured: true, value: JSON.parse(line) as Json };
  } catch {
    return { structured: false };
  }
}
