/**
 * Finds payloads smuggled in common encodings so the heuristics can rescan what the model would
 * read after decoding it. Everything is bounded (candidate count, bytes, depth) because the input
 * is attacker-controlled, and a decode is only kept when it yields mostly printable text: random
 * identifiers and hashes decode to binary noise and must not create findings.
 */
export type EncodingKind = 'base64' | 'hex' | 'url' | 'rot13' | 'unicode_tags';

export interface DecodedPayload {
  readonly kind: EncodingKind;
  readonly text: string;
  /** 1 for a payload found in the input, 2 for a payload found inside a decoded payload. */
  readonly depth: number;
}

export interface DecodeOptions {
  /** Upper bound on decoded bytes across all payloads. */
  readonly maxBytes?: number;
  /** Maximum nesting (base64 inside hex, ...). */
  readonly maxDepth?: number;
  /** Maximum candidate substrings examined per level. */
  readonly maxCandidates?: number;
}

const HEX = /(?:\\x)?(?:[0-9a-fA-F]{2}(?:\\x)?){8,}/g;
/** Each repetition starts with a literal '%' and every run is bounded, so matching stays linear. */
const URL_ENC = /[\w.~+-]{0,24}(?:%[0-9a-fA-F]{2}[\w.~+-]{0,24}){3,}/g;
/** ROT13 images of words that only matter in attacks: ignore, instructions, prompt, previous, system, disregard. */
const ROT13_MARKERS = /\b(?:vtaber|vafgehpgvbaf|cebzcg|cerivbhf|flfgrz|qvfertneq)\b/i;

/** Accept decoded text only if it reads like text: >= 90% printable and contains letters. */
export function isMostlyPrintable(s: string): boolean {
  if (s.length < 4) return false;
  let printable = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xa0 && c !== 0xfffd)) printable++;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
  }
  return printable / s.length >= 0.9 && letters / s.length >= 0.4;
}

export function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Counting loop rather than a regex: `[A-Z].*[a-z].*[A-Z]` would be quadratic on long runs. */
function hasMixedCase(s: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length && (upper < 2 || lower < 1); i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper >= 2 && lower >= 1;
}

function decodeCandidate(kind: EncodingKind, token: string, budget: number): string | null {
  try {
    if (kind === 'base64') {
      const clean = token.slice(0, Math.ceil((budget * 4) / 3));
      // Pure-letter runs are usually long words or identifiers, not base64 of text.
      if (!/[0-9+/=]/.test(clean) && !hasMixedCase(clean)) return null;
      return Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    }
    if (kind === 'hex') {
      const hex = token.replace(/\\x/g, '').slice(0, budget * 2);
      return Buffer.from(hex.slice(0, hex.length - (hex.length % 2)), 'hex').toString('utf8');
    }
    if (kind === 'url') return decodeURIComponent(token.slice(0, budget * 3));
    return null;
  } catch {
    return null; // malformed escapes are just not a payload
  }
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45;
}

function isHexRunChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120 || c === 92;
}

const BASE64_CHAR = 1;
const HEX_RUN_CHAR = 2;
/** Both alphabets are ASCII: one table read per char instead of two chains of range tests. */
const CHAR_CLASS = Uint8Array.from({ length: 128 }, (_, c) => (isBase64Char(c) ? BASE64_CHAR : 0) | (isHexRunChar(c) ? HEX_RUN_CHAR : 0));

function inClass(c: number, bit: number): boolean {
  return c < 128 && (CHAR_CLASS[c]! & bit) !== 0;
}

/**
 * [start, end) of every maximal run of >= 16 chars of class `bit`, in order, flattened. Every base64
 * match is such a run of the base64 alphabet and every HEX match one of [0-9a-fA-Fx\\], so prose
 * without them skips both searches. Only every 16th char is read at first: a run of 16 starting at
 * or after i covers i + 15, so an out-of-class char there rules out all 16 starts at one read.
 */
function runsOf16(text: string, bit: number): number[] {
  const runs: number[] = [];
  const n = text.length;
  // Invariant: i is 0 or text[i - 1] is out of class, so a run found starting at >= i is maximal.
  let i = 0;
  while (i + 16 <= n) {
    const probe = i + 15;
    if (!inClass(text.charCodeAt(probe), bit)) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && inClass(text.charCodeAt(start - 1), bit)) start--;
    let end = probe + 1;
    while (end < n && inClass(text.charCodeAt(end), bit)) end++;
    if (end - start >= 16) runs.push(start, end);
    i = end + 1;
  }
  return runs;
}

/**
 * The matches of the global regex /[A-Za-z0-9+/_-]{16,}={0,2}/g, in order, without running it (the
 * regex retried a 16-char window at nearly every offset of ordinary words). A match must start where
 * >= 16 alphabet chars follow, which first happens at the start of a maximal alphabet run of length
 * >= 16 (any start inside a shorter run fails), and greedily takes the whole run plus up to two '='.
 * '=' is outside the alphabet, so the search resumes at the next run.
 */
function* base64Matches(text: string, runs: readonly number[]): Generator<string> {
  for (let r = 0; r < runs.length; r += 2) {
    let end = runs[r + 1]!;
    for (let pad = 0; pad < 2 && text.charCodeAt(end) === 61; pad++) end++;
    yield text.slice(runs[r]!, end);
  }
}

function* regexMatches(re: RegExp, text: string): Generator<string> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) yield m[0];
}

function scanLevel(text: string, depth: number, opts: Required<DecodeOptions>, out: DecodedPayload[], used: { bytes: number }): void {
  const found: DecodedPayload[] = [];
  const scan = (matches: Iterable<string>, kind: EncodingKind): void => {
    let seen = 0;
    for (const token of matches) {
      if (seen >= opts.maxCandidates) return;
      seen++;
      const budget = opts.maxBytes - used.bytes;
      if (budget <= 0) return;
      const decoded = decodeCandidate(kind, token, budget);
      if (decoded !== null && decoded !== token && isMostlyPrintable(decoded)) {
        used.bytes += decoded.length;
        found.push({ kind, text: decoded, depth });
      }
    }
  };
  const base64Runs = runsOf16(text, BASE64_CHAR);
  if (base64Runs.length > 0) scan(base64Matches(text, base64Runs), 'base64');
  if (/[0-9]/.test(text) && runsOf16(text, HEX_RUN_CHAR).length > 0) scan(regexMatches(HEX, text), 'hex'); // text-bearing hex always has digits (0x20-0x7e)
  if (text.includes('%')) scan(regexMatches(URL_ENC, text), 'url');
  if (ROT13_MARKERS.test(text) && used.bytes < opts.maxBytes) {
    const decoded = rot13(text.slice(0, opts.maxBytes - used.bytes));
    used.bytes += decoded.length;
    found.push({ kind: 'rot13', text: decoded, depth });
  }
  for (const p of found) {
    out.push(p);
    if (depth < opts.maxDepth) scanLevel(p.text, depth + 1, opts, out, used);
  }
}

/** Decodes embedded payloads (bounded: default 16 KiB total, depth 2, 8 candidates per encoding). */
export function findEncodedPayloads(text: string, options: DecodeOptions = {}): DecodedPayload[] {
  const opts: Required<DecodeOptions> = {
    maxBytes: options.maxBytes ?? 16 * 1024,
    maxDepth: options.maxDepth ?? 2,
    maxCandidates: options.maxCandidates ?? 8,
  };
  const out: DecodedPayload[] = [];
  scanLevel(text, 1, opts, out, { bytes: 0 });
  return out;
}
