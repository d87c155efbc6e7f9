/**
 * Whole-token lookup for the gate index: which registered words occur in a text as complete
 * `[a-z0-9_]+` runs (what `text.match(/[a-z0-9_]+/g)` would list). The regex form allocated one
 * string per word and hashed each in a Map (~10 µs per 500-char prompt); here one char-code pass
 * hashes every run in place and probes an open-addressing table, and a hit is confirmed with
 * startsWith and the run's length, so the answer is exactly "this run equals a registered token".
 */
import { addSlot, type SlotSet } from './slot-set';

/** [a-z0-9_] by ASCII code: one table read per char instead of three range tests. */
const TOKEN_CHAR = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0));

/** Polynomial string hash, step by step; `* 31` stays exact in doubles before the int32 wrap. */
function hashStep(h: number, c: number): number {
  return (h * 31 + c) | 0;
}

export class TokenTable {
  private readonly tokens: string[] = [];
  private readonly hashes: number[] = [];
  /** Values of each token, in registration order (duplicates kept, as a Map of arrays would). */
  private readonly values: number[][] = [];
  /**
   * Open addressing, rebuilt lazily when a token is added: entry s is [hash, token index + 1] at
   * 2s and 2s + 1 (0 = empty), so a probe reads one typed array and rarely touches the token.
   */
  private table: Int32Array | null = null;

  /** Associates `value` with the whole token `token`. */
  add(token: string, value: number): void {
    const at = this.tokens.indexOf(token);
    if (at >= 0) {
      this.values[at]!.push(value);
      return;
    }
    let h = 0;
    for (let i = 0; i < token.length; i++) h = hashStep(h, token.charCodeAt(i));
    this.tokens.push(token);
    this.hashes.push(h);
    this.values.push([value]);
    this.table = null;
  }

  /** Adds to `found` every value of every registered token that is a whole run of `text`. */
  markTokensIn(text: string, found: SlotSet): void {
    const table = (this.table ??= this.buildTable());
    const mask = (table.length >>> 1) - 1;
    const n = text.length;
    let start = -1;
    let h = 0;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 32;
      if (c < 128 && TOKEN_CHAR[c] === 1) {
        if (start < 0) {
          start = i;
          h = 0;
        }
        h = hashStep(h, c);
        continue;
      }
      if (start < 0) continue;
      for (let s = spread(h) & mask; table[2 * s + 1] !== 0; s = (s + 1) & mask) {
        if (table[2 * s] !== h) continue;
        const t = table[2 * s + 1]! - 1;
        const token = this.tokens[t]!;
        if (token.length === i - start && text.startsWith(token, start)) {
          for (const v of this.values[t]!) addSlot(found, v);
          break;
        }
      }
      start = -1;
    }
  }

  private buildTable(): Int32Array {
    let size = 16;
    while (size < this.tokens.length * 4) size *= 2;
    const table = new Int32Array(2 * size);
    this.hashes.forEach((h, t) => {
      let s = spread(h) & (size - 1);
      while (table[2 * s + 1] !== 0) s = (s + 1) & (size - 1);
      table[2 * s] = h;
      table[2 * s + 1] = t + 1;
    });
    return table;
  }
}

/** Mixes high bits into the low bits used as the table index (short tokens differ mostly in low bits). */
function spread(h: number): number {
  return h ^ (h >>> 15) ^ (h >>> 7);
}
