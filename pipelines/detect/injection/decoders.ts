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

const BASE64 = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
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

/**
 * Every BASE64 match is a run of >= 16 base64-alphabet chars and every HEX match a run of >= 16 chars
 * of [0-9a-fA-Fx\\]. One linear scan finds whether such runs exist, so ordinary prose skips both
 * regexes, which otherwise retry a 16-char window at nearly every offset.
 */
function longRuns(text: string): { base64: boolean; hex: boolean } {
  let b = 0;
  let h = 0;
  let base64 = false;
  let hex = false;
  for (let i = 0; i < text.length && !(base64 && hex); i++) {
    const c = text.charCodeAt(i);
    b = isBase64Char(c) ? b + 1 : 0;
    h = isHexRunChar(c) ? h + 1 : 0;
    if (b >= 16) base64 = true;
    if (h >= 16) hex = true;
  }
  return { base64, hex };
}

function scanLevel(text: string, depth: number, opts: Required<DecodeOptions>, out: DecodedPayload[], used: { bytes: number }): void {
  const found: DecodedPayload[] = [];
  const scan = (re: RegExp, kind: EncodingKind): void => {
    re.lastIndex = 0;
    let seen = 0;
    for (let m = re.exec(text); m !== null && seen < opts.maxCandidates; m = re.exec(text)) {
      seen++;
      const budget = opts.maxBytes - used.bytes;
      if (budget <= 0) return;
      const decoded = decodeCandidate(kind, m[0], budget);
      if (decoded !== null && decoded !== m[0] && isMostlyPrintable(decoded)) {
        used.bytes += decoded.length;
        found.push({ kind, text: decoded, depth });
      }
    }
  };
  const runs = longRuns(text);
  if (runs.base64) scan(BASE64, 'base64');
  if (runs.hex && /[0-9]/.test(text)) scan(HEX, 'hex'); // text-bearing hex always has digits (0x20-0x7e)
  if (text.includes('%')) scan(URL_ENC, 'url');
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
