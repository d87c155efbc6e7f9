/**
 * Multi-needle substring search: which of many literal needles occur in a text. The gate index has
 * ~80 needles per text, and one includes() pass per needle cost ~20 µs per 500-char prompt; one pass
 * over the text, probing a bucket table by the hash of each position's first two code units and
 * confirming with startsWith, gives exactly the same answers (needle i found iff text.includes(i)).
 */
const BUCKETS = 4096;

function bigramHash(c0: number, c1: number): number {
  return (c0 * 31 + c1) & (BUCKETS - 1);
}

export class NeedleScan {
  /** Needles of two or more code units, bucketed by the hash of their first two. */
  private readonly buckets: (number[] | undefined)[] = new Array<number[] | undefined>(BUCKETS);
  /** Needles shorter than two code units: searched with includes() (a fast single-char scan). */
  private readonly short: number[] = [];
  private readonly minLength: number;

  constructor(private readonly needles: readonly string[]) {
    let min = Infinity;
    needles.forEach((n, i) => {
      if (n.length < 2) {
        this.short.push(i);
        return;
      }
      min = Math.min(min, n.length);
      const h = bigramHash(n.charCodeAt(0), n.charCodeAt(1));
      (this.buckets[h] ??= []).push(i);
    });
    this.minLength = min;
  }

  /** Sets found[i] = 1 for every needle i that occurs in `text` (other entries are left untouched). */
  scan(text: string, found: Uint8Array): void {
    for (const i of this.short) if (text.includes(this.needles[i]!)) found[i] = 1;
    const last = text.length - this.minLength;
    let c1 = text.charCodeAt(0);
    for (let at = 0; at <= last; at++) {
      const c0 = c1;
      c1 = text.charCodeAt(at + 1);
      const bucket = this.buckets[bigramHash(c0, c1)];
      if (bucket === undefined) continue;
      for (const i of bucket) if (found[i] === 0 && text.startsWith(this.needles[i]!, at)) found[i] = 1;
    }
  }
}
