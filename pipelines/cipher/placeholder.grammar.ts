/**
 * Placeholder grammar for sanitized text (full write-up: docs/placeholder-grammar.md).
 *
 *   placeholder := "[[" kind ":" ENTITY ":" body "]]"
 *   kind        := "tok" (body = token id [A-Za-z0-9_-]{22,128})
 *                | "fpe" (body = FPE ciphertext, 1..128 printable ASCII chars except "[" "]")
 *   ENTITY      := [A-Z][A-Z0-9_]{0,63}
 *
 * Reserved opener: "[[" followed by [a-z]+ ":" . Literal text is escaped so it never
 * contains a reserved opener: "[[" E* word ":" becomes "[[" E E* word ":" with E = "\".
 * Unescape removes exactly one E. Text without such openers (nearly all text, including
 * JSON like [[1,2]]) passes through byte-identical, which keeps what the LLM sees natural.
 * Because a placeholder body contains no "[" or "]", and the opener's only brackets are its
 * first two characters, no opener can straddle a literal/placeholder boundary; hence every
 * unescaped opener in sanitized text starts a placeholder and restore is an exact inverse.
 */
import { CipherError } from './cipher.errors';

export type PlaceholderKind = 'tok' | 'fpe';

export interface PlaceholderRef {
  readonly kind: PlaceholderKind;
  readonly entity: string;
  /** Token id (kind tok) or the FPE ciphertext, which is its own id within the tenant (kind fpe). */
  readonly id: string;
}

export interface PlaceholderMatch extends PlaceholderRef {
  /** UTF-16 offsets of the whole placeholder in the scanned text; end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  /** Exactly one placeholder, normally from renderPlaceholder(). */
  readonly replacement: string;
}

const ENTITY_RE = /^[A-Z][A-Z0-9_]{0,63}$/;
const TOKEN_ID_RE = /^[A-Za-z0-9_-]{22,128}$/;
const FPE_BODY_RE = /^[\x20-\x5a\x5c\x5e-\x7e]{1,128}$/;
const PLACEHOLDER_AT = /\[\[(tok|fpe):([A-Z][A-Z0-9_]{0,63}):([^[\]]{1,128})\]\]/y;
/**
 * Exactly one valid placeholder, start to end: the conjunction of PLACEHOLDER_AT and isValidRef in
 * one test (the body's per-kind alphabets are subsets of [^[\]], and the entity and body cannot
 * contain the ':' or ']' that end them, so the split is the same). rewriteText checks every
 * replacement with it instead of a match object and three more regex runs.
 */
const WHOLE_PLACEHOLDER = /^\[\[(?:tok:[A-Z][A-Z0-9_]{0,63}:[A-Za-z0-9_-]{22,128}|fpe:[A-Z][A-Z0-9_]{0,63}:[\x20-\x5a\x5c\x5e-\x7e]{1,128})\]\]$/;
const OPENER = /\[\[[a-z]+:/g;
const ESCAPE = /\[\[(\\*[a-z]+:)/g;
const UNESCAPE = /\[\[\\(\\*[a-z]+:)/g;

function isValidRef(kind: string, entity: string, id: string): kind is PlaceholderKind {
  if (!ENTITY_RE.test(entity)) return false;
  if (kind === 'tok') return TOKEN_ID_RE.test(id);
  if (kind === 'fpe') return FPE_BODY_RE.test(id);
  return false;
}

export function renderPlaceholder(ref: PlaceholderRef): string {
  if (!isValidRef(ref.kind, ref.entity, ref.id)) {
    // The id is not echoed: for fpe it is ciphertext but it may be a caller's mistake with plaintext.
    throw new CipherError('INVALID_PLACEHOLDER', `invalid ${String(ref.kind)} placeholder for entity ${ENTITY_RE.test(ref.entity) ? ref.entity : '?'}`);
  }
  return `[[${ref.kind}:${ref.entity}:${ref.id}]]`;
}

/** Parses a placeholder starting exactly at `at`, or returns null. */
function placeholderAt(text: string, at: number): PlaceholderMatch | null {
  PLACEHOLDER_AT.lastIndex = at;
  const m = PLACEHOLDER_AT.exec(text);
  if (m === null) return null;
  const kind = m[1]!;
  const entity = m[2]!;
  const id = m[3]!;
  if (!isValidRef(kind, entity, id)) return null;
  return { kind, entity, id, start: at, end: at + m[0].length };
}

/** Walks reserved openers; strict mode throws on one that is not a well-formed placeholder. */
function scan(text: string, strict: boolean): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(text); m !== null; m = OPENER.exec(text)) {
    const ph = placeholderAt(text, m.index);
    if (ph === null) {
      if (strict) throw new CipherError('MALFORMED_SANITIZED_TEXT', `unescaped reserved opener at offset ${m.index} is not a valid placeholder`);
      continue;
    }
    found.push(ph);
    OPENER.lastIndex = ph.end;
  }
  return found;
}

/** Lenient: returns well-formed placeholders, skipping malformed openers (e.g. in LLM output). */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  return scan(text, false);
}

export function escapeText(text: string): string {
  // Every opener starts with "[[": text without one (nearly all) needs no regex pass at all.
  return text.includes('[[') ? text.replace(ESCAPE, '[[\\$1') : text;
}

export function unescapeText(text: string): string {
  return text.replace(UNESCAPE, '[[$1');
}

/**
 * Replaces non-overlapping spans of `text` (UTF-16 offsets, end exclusive) by placeholders
 * and escapes everything else. Spans may be given in any order; they must be non-empty.
 */
export function rewriteText(text: string, replacements: readonly TextReplacement[]): string {
  if (replacements.length === 0) return escapeText(text);
  const spans = replacements.length === 1 ? replacements : [...replacements].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const { start, end, replacement } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < cursor || end <= start || end > text.length) {
      throw new CipherError('INVALID_SPANS', `replacement span [${start}, ${end}) is out of range, empty or overlapping`);
    }
    if (!WHOLE_PLACEHOLDER.test(replacement)) {
      throw new CipherError('INVALID_PLACEHOLDER', `replacement for span [${start}, ${end}) is not exactly one placeholder`);
    }
    out += escapeText(text.slice(cursor, start)) + replacement;
    cursor = end;
  }
  return out + escapeText(text.slice(cursor));
}

/** Exact inverse of rewriteText: lookup(ref) must return the original text of each span. */
export function restoreText(sanitized: string, lookup: (ref: PlaceholderMatch) => string): string {
  let out = '';
  let cursor = 0;
  for (const ph of scan(sanitized, true)) {
    const original = lookup(ph);
    if (typeof original !== 'string') throw new CipherError('INVALID_PLACEHOLDER', `lookup returned no text for placeholder at offset ${ph.start}`);
    out += unescapeText(sanitized.slice(cursor, ph.start)) + original;
    cursor = ph.end;
  }
  return out + unescapeText(sanitized.slice(cursor));
}
