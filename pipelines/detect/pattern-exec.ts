/**
 * How the generic pattern runner (recognizer.ts) and the address recognizer find a regex's next
 * match from its lastIndex. Every strategy returns exactly the match a plain `regex.exec(text)` would;
 * they differ only in how much of the text the regex engine has to walk to find it.
 */
import { digitRunStarts } from './text-cache';

/**
 * Where matches of a pattern can start in `text`: ascending offsets, possibly some where the regex then
 * fails, but never leaving out one where it matches. Called once per match, so it should be memoized.
 */
export type StartCandidates = (text: string) => readonly number[];

/** Sticky ('y') copies of the patterns run at candidate offsets: tried at one offset each. */
const stickyCopies = new WeakMap<RegExp, RegExp>();

function stickyOf(re: RegExp): RegExp {
  let sticky = stickyCopies.get(re);
  if (sticky === undefined) {
    sticky = new RegExp(re.source, `${re.flags}y`);
    stickyCopies.set(re, sticky);
  }
  return sticky;
}

/** Index of the first value >= `from` in the ascending `values` (values.length when none is). */
function firstAtOrAfter(values: readonly number[], from: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Past one candidate per this many characters, a sticky attempt per candidate (~50-100 ns each) costs
 * more than the regex engine's own scan (~1-2 ns per character), e.g. on walls of short numbers.
 */
const CHARS_PER_CANDIDATE = 32;

/**
 * A global scan returns the match at the smallest offset >= lastIndex where the regex matches. When
 * `candidates` lists every offset where a match can start, trying the regex stickily at each of them
 * in order finds that same match, without walking the text between candidates. Dense candidates fall
 * back to that global scan, which returns the same match (only the cost differs).
 */
export function execAtCandidates(re: RegExp, text: string, candidates: StartCandidates): RegExpExecArray | null {
  const offsets = candidates(text);
  if (offsets.length * CHARS_PER_CANDIDATE > text.length) return re.exec(text);
  const sticky = stickyOf(re);
  for (let k = firstAtOrAfter(offsets, re.lastIndex); k < offsets.length; k++) {
    sticky.lastIndex = offsets[k];
    const m = sticky.exec(text);
    if (m !== null) {
      re.lastIndex = sticky.lastIndex;
      return m;
    }
  }
  re.lastIndex = 0;
  return null;
}

/**
 * StartCandidates for patterns that begin with a digit which their lookbehind (or \b) keeps from
 * following another digit: such a match starts at the first digit of a digit run. The run starts
 * come from text-cache's shared pass, so the prose between numbers is never walked per pattern.
 */
export const digitRunStart: StartCandidates = digitRunStarts;
