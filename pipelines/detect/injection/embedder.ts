/**
 * Deterministic text embedding by feature hashing ("hashing trick"), used for signature similarity
 * and as the feature space of the lexical model. No model weights, no network, ~microseconds/text.
 *
 * Features (all from the input lower-cased with collapsed whitespace; the scorer passes normalize()d
 * text so obfuscations are already folded):
 *  - character 3-, 4- and 5-grams over " text " (robust to inflection, typos, compound words);
 *  - word unigrams and bigrams, weight 2 (phrase-level cues such as "previous instructions").
 * Each feature is hashed (FNV-1a + murmur3 finaliser) into `dim` buckets with a hash-derived sign, so
 * collisions cancel in expectation instead of piling up; values are term frequencies; the vector is
 * L2-normalised so that a dot product is the cosine similarity. dim defaults to 768 to match the
 * signature table's vector(768) column.
 */
import { collapseWhitespace } from './whitespace';

export interface Embedder {
  readonly dim: number;
  /** Identifies the feature space; embeddings from different ids are not comparable. */
  readonly id: string;
  /** Returns an L2-normalised vector of length `dim` (all zeros for empty input). */
  embed(text: string): Float32Array;
}

/**
 * Math.imul, bound once per module. Called as `Math.imul` inside a VM context (e.g. Jest's test
 * environment) every call looked `Math` up through the context's global proxy and was never inlined
 * (~100x slower there, so an earlier version used a split multiply in plain arithmetic); a
 * module-scoped binding is a constant the JIT inlines in both environments, and it is one
 * instruction instead of the split multiply's two float multiplies and conversions.
 */
const imul = Math.imul;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // int32, not uint32: stays a small integer in V8 (no heap number); callers only use >>> 1 and & 1,
  // which read the same bits either way.
  return h;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c > 127;
}

/**
 * FNV-1a step, imul(h ^ c, 0x01000193) as a shift and a small multiply: the prime is 2^24 + 403, so
 * the product is (h << 24) + h * 403, exact in doubles (< 2^42) and wrapped to int32 by `| 0`.
 */
function fnvStep(h: number, c: number): number {
  const x = h ^ c;
  return ((x << 24) + x * 403) | 0;
}

/** `input` lower-cased with whitespace collapsed and trimmed (normalize()d text already is: no copy). */
function canonical(input: string): string {
  return collapseWhitespace(input.toLowerCase());
}

/**
 * Scratch buffers reused by every embed() call (it is synchronous and never re-entered). Typed arrays
 * over 64 bytes get an off-heap backing store in V8, ~1 µs each to allocate and later free: more than
 * a tenth of embedding a 500-char prompt, for buffers that die when the call returns.
 */
let codeScratch = new Uint16Array(1024);
const countScratch = new Map<number, Int32Array>();

/** A zeroed Int32Array of length `dim`, reused across calls. */
function zeroedCounts(dim: number): Int32Array {
  let v = countScratch.get(dim);
  if (!v) {
    v = new Int32Array(dim);
    countScratch.set(dim, v);
  }
  return v.fill(0);
}

export class HashedNgramEmbedder implements Embedder {
  readonly id: string;

  constructor(
    readonly dim: number = 768,
    private readonly wordWeight: number = 2,
  ) {
    this.id = `hashed-ngram-v1-d${dim}`;
  }

  embed(input: string): Float32Array {
    // Locals only in the hot loops: property loads on `this` inside them measurably slow down some
    // transpiled outputs (e.g. class-field helpers), and this runs once per prompt and chunk.
    const dim = this.dim;
    const wordWeight = this.wordWeight;
    const s = canonical(input);
    if (s.length === 0) return new Float32Array(dim);
    // " text " as char codes: reading a typed array is ~2x cheaper than charCodeAt on the padded
    // (cons) string, and every n-gram reads up to five of them.
    const n = s.length + 2;
    if (codeScratch.length < n) codeScratch = new Uint16Array(Math.max(n, 2 * codeScratch.length));
    const codes = codeScratch;
    codes[0] = 32;
    for (let i = 0; i < s.length; i++) codes[i + 1] = s.charCodeAt(i);
    codes[n - 1] = 32;
    // With an integer word weight, term frequencies are integers, exact in int32 and doubles alike, so
    // an Int32Array accumulator (no float conversion on every +=) yields the same vector as doubles.
    // Per char there are <= 3 char n-grams (weight 1) and <= 2 word features (weight w), which bounds
    // every bucket and rules out int32 overflow; beyond that bound (~200M chars) doubles take over.
    const integral = Number.isInteger(wordWeight);
    const small = 5 * n * Math.max(1, Math.abs(wordWeight)) < 2 ** 31;
    const v = integral ? (small ? zeroedCounts(dim) : new Float64Array(dim)) : new Float32Array(dim);
    ngramCounts(codes, n, v, dim, wordWeight);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += v[i]! * v[i]!;
    const out = v instanceof Float32Array ? v : new Float32Array(dim);
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < dim; i++) out[i] = v[i]! * inv;
    }
    return out;
  }
}

/**
 * +1 when bit 0 of the hash is set, else -1, in arithmetic: the bit is random per feature, so the
 * `m & 1 ? 1 : -1` branch it replaces was mispredicted about half the time. Multiplying a weight by
 * +-1 is exact, so every bucket gets the same value as before.
 */
function signOf(m: number): number {
  return ((m & 1) << 1) - 1;
}

/**
 * Adds every feature of the padded text `s[0 .. n)` (char codes) into `v` (see the file comment).
 * Each add is written out inline: a shared `add` closure was not inlined and cost ~40% of the
 * embedding. The bucket is fmix's bits 1..31 modulo dim and the sign its bit 0, exactly as in the
 * one-add version.
 */
function ngramCounts(s: Uint16Array, n: number, v: Int32Array | Float64Array | Float32Array, dim: number, wordWeight: number): void {
  // Character n-grams: FNV-1a is prefix-incremental, so the 3-gram hash extends into 4- and 5-grams.
  // Where all three fit, they are written out straight (same hashes, same order of adds): the
  // variable-length inner loop below kept V8 from scheduling them together (~15% of the embedding).
  let i = 0;
  for (; i + 5 <= n; i++) {
    const h3 = fnvStep(fnvStep(fnvStep(0x811c9dc5, s[i]!), s[i + 1]!), s[i + 2]!);
    const h4 = fnvStep(h3, s[i + 3]!);
    const h5 = fnvStep(h4, s[i + 4]!);
    let m = fmix(h3 + 2);
    v[(m >>> 1) % dim] += signOf(m);
    m = fmix(h4 + 3);
    v[(m >>> 1) % dim] += signOf(m);
    m = fmix(h5 + 4);
    v[(m >>> 1) % dim] += signOf(m);
  }
  for (; i + 3 <= n; i++) {
    let h = fnvStep(fnvStep(0x811c9dc5, s[i]!), s[i + 1]!);
    const last = Math.min(5, n - i);
    for (let k = 2; k < last; k++) {
      h = fnvStep(h, s[i + k]!);
      const m = fmix(h + k);
      v[(m >>> 1) % dim] += signOf(m);
    }
  }
  // Word unigrams and bigrams.
  let prev = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (i = 0; i <= n; i++) {
    const c = i < n ? s[i]! : 32;
    if (isWordChar(c)) {
      h = fnvStep(h, c);
      inWord = true;
    } else if (inWord) {
      let m = fmix(h ^ 0x5bd1e995);
      v[(m >>> 1) % dim] += signOf(m) * wordWeight;
      if (prev !== 0) {
        m = fmix(imul(prev, 0x9e3779b1) ^ h);
        v[(m >>> 1) % dim] += signOf(m) * wordWeight;
      }
      prev = h;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
}

export function dot(a: Float32Array, b: Float32Array, offsetB = 0): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[offsetB + i];
  return s;
}

/** Shared default instance: stateless, so one per process is enough. */
export const defaultEmbedder: Embedder = new HashedNgramEmbedder();
