/**
 * A set of cue phrases matched in place against a lower-cased text, bucketed by the two characters
 * at the matching edge so each lookup compares only a handful of phrases (cue checks run once per
 * capitalized phrase, including on hostile inputs made of thousands of them).
 */
export class CueSet {
  /** Keyed by the two edge characters' code units packed into one number, so lookups allocate nothing. */
  private readonly buckets = new Map<number, string[]>();
  /** One-character cues (":"), checked on every lookup. */
  private readonly short: string[] = [];

  constructor(
    cues: readonly string[],
    private readonly edge: 'end' | 'start',
  ) {
    for (const c of cues) {
      if (c.length < 2) {
        this.short.push(c);
        continue;
      }
      const at = edge === 'end' ? c.length - 2 : 0;
      const key = pairKey(c, at);
      const list = this.buckets.get(key);
      if (list) list.push(c);
      else this.buckets.set(key, [c]);
    }
  }

  private bucket(lower: string, pos: number): readonly string[] | undefined {
    const at = this.edge === 'end' ? pos - 2 : pos;
    // Fewer than two characters on that side: no cue of length >= 2 can match there.
    if (at < 0 || at + 2 > lower.length) return undefined;
    return this.buckets.get(pairKey(lower, at));
  }

  /** Length of the longest cue that `lower` ends with at `pos` (0 if none). */
  longestEndingAt(lower: string, pos: number): number {
    let best = 0;
    for (const c of this.short) if (best === 0 && lower.endsWith(c, pos)) best = c.length;
    const list = this.bucket(lower, pos);
    if (list) for (const c of list) if (c.length > best && lower.endsWith(c, pos)) best = c.length;
    return best;
  }

  /** True when some cue starts at `pos` in `lower`. */
  startsAt(lower: string, pos: number): boolean {
    for (const c of this.short) if (lower.startsWith(c, pos)) return true;
    const list = this.bucket(lower, pos);
    if (list) for (const c of list) if (lower.startsWith(c, pos)) return true;
    return false;
  }
}

/** The two code units at s[at], s[at + 1] as one number (both are < 2^16). */
function pairKey(s: string, at: number): number {
  return s.charCodeAt(at) * 65536 + s.charCodeAt(at + 1);
}
