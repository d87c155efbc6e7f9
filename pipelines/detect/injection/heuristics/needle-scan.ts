/**
 * Multi-needle substring search: which of many literal needles occur in a text. The gate index has
 * ~80 needles per text, and one includes() pass per needle cost ~20 µs per 500-char prompt; one pass
 * over the text, probing a bucket table by the hash of each position's first two code units and
 * confirming candidates code unit by code unit, gives exactly the same answers (needle i found iff
 * text.includes(i)).
 */
const BUCKETS = 4096;

function bigramHash(c0: number, c1: number): number {
  return (c0 * 31 + c1) & (BUCKETS - 1);
}

export class NeedleScan {
  /**
   * Needles of two or more code units, bucketed by the hash of their first two, in flat
   * compressed-row form: bucket b's needle indexes are members[bucketStart[b] .. bucketStart[b + 1]).
   * Typed arrays instead of an array of arrays: nearly every position probes an empty bucket, and
   * two Int32Array reads decide that without touching a holey array.
   */
  private readonly bucketStart = new Int32Array(BUCKETS + 1);
  private readonly members: Int32Array;
  /** Third code unit of members[k]'s needle (-1 for two-unit needles): rejects most probes inline. */
  private readonly thirdUnit: Int32Array;
  /** Needles shorter than two code units: searched with includes() (a fast single-char scan). */
  private readonly short: number[] = [];
  private readonly minLength: number;
  /** Matches iff some needle of two or more units occurs (see the constructor's `prefilter`). */
  private readonly anyNeedle: RegExp | null;

  /**
   * `prefilter`: first test one alternation regex of all needles, which V8 runs natively at a
   * fraction of the bucket scan's cost, and skip the scan when it fails. Worth it for needle sets
   * most texts never contain (chat-template tokens in the raw input); a set that nearly every text
   * hits would pay for the test and the scan.
   */
  constructor(
    private readonly needles: readonly string[],
    prefilter = false,
  ) {
    let min = Infinity;
    const byBucket: number[][] = Array.from({ length: BUCKETS }, () => []);
    needles.forEach((n, i) => {
      if (n.length < 2) {
        this.short.push(i);
        return;
      }
      min = Math.min(min, n.length);
      byBucket[bigramHash(n.charCodeAt(0), n.charCodeAt(1))]!.push(i);
    });
    this.minLength = min;
    const long = needles.filter((n) => n.length >= 2);
    this.anyNeedle = prefilter && long.length > 0 ? new RegExp(long.map(escapeRegExp).join('|')) : null;
    this.members = Int32Array.from(byBucket.flat());
    this.thirdUnit = this.members.map((i) => (needles[i]!.length > 2 ? needles[i]!.charCodeAt(2) : -1));
    for (let b = 0; b < BUCKETS; b++) this.bucketStart[b + 1] = this.bucketStart[b]! + byBucket[b]!.length;
  }

  /**
   * Sets found[offset + i] = 1 for every needle i that occurs in `text` (other entries are left
   * untouched). Most probes share only the bucket's two leading chars and differ in the third, which
   * is compared inline; the rest are confirmed char by char in place (cheaper than a startsWith call).
   */
  scan(text: string, found: Uint8Array, offset = 0): void {
    for (const i of this.short) if (text.includes(this.needles[i]!)) found[offset + i] = 1;
    if (this.anyNeedle !== null && !this.anyNeedle.test(text)) return;
    const { bucketStart, members, thirdUnit, needles } = this;
    const n = text.length;
    const last = n - this.minLength;
    let c1 = text.charCodeAt(0);
    for (let at = 0; at <= last; at++) {
      const c0 = c1;
      c1 = text.charCodeAt(at + 1);
      const b = bigramHash(c0, c1);
      for (let k = bucketStart[b]!, end = bucketStart[b + 1]!; k < end; k++) {
        const third = thirdUnit[k]!;
        if (third >= 0 && text.charCodeAt(at + 2) !== third) continue;
        const i = members[k]!;
        if (found[offset + i] === 0 && occursAt(text, needles[i]!, at)) found[offset + i] = 1;
      }
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** text.startsWith(needle, at), written out: the needle is short and usually differs early. */
function occursAt(text: string, needle: string, at: number): boolean {
  if (at + needle.length > text.length) return false;
  for (let j = 0; j < needle.length; j++) if (text.charCodeAt(at + j) !== needle.charCodeAt(j)) return false;
  return true;
}
