/**
 * `s.replace(/\s+/g, ' ').trim()` without the copy when it would change nothing. normalize() and the
 * embedder both canonicalise whitespace, and nearly every prompt already has the canonical form
 * (single spaces between words, nothing at the ends): the regex replace then still matched every
 * space and built a new string. One regex test proves the form and returns `s` itself.
 */

/** Any whitespace but U+0020, or two spaces in a row: with the ends checked, exactly what \s+ would rewrite. */
const EXTRA_SPACE = /[^\S ]| {2}/;

/** True when `s` has no whitespace but single U+0020 spaces between non-space characters. */
function isCollapsed(s: string): boolean {
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32)) return false;
  return !EXTRA_SPACE.test(s);
}

/**
 * The last string found collapsed. The scorer collapses a prompt in normalize() and the embedder then
 * checks the very same text again; `===` on the same string object is a pointer compare, so the
 * second check is free. The memo is keyed by content (=== compares strings by value), so it is
 * exact for any input.
 */
let lastCollapsed = '';

/** Whitespace runs collapsed to one space, ends trimmed; `s` itself when already in that form. */
export function collapseWhitespace(s: string): string {
  if (s === lastCollapsed) return s;
  if (!isCollapsed(s)) return s.replace(/\s+/g, ' ').trim();
  lastCollapsed = s;
  return s;
}
