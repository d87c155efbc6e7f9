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
export interface Embedder {
  readonly dim: number;
  /** Identifies the feature space; embeddings from different ids are not comparable. */
  readonly id: string;
  /** Returns an L2-normalised vector of length `dim` (all zeros for empty input). */
  embed(text: string): Float32Array;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c > 127;
}

export class HashedNgramEmbedder implements Embedder {
  readonly id: string;

  constructor(
    readonly dim: number = 768,
    private readonly wordWeight: number = 2,
  ) {
    this.id = `hashed-ngram-v1-d${dim}`;
  }

  private add(v: Float32Array, h: number, w: number): void {
    const m = fmix(h);
    v[(m >>> 1) % this.dim] += m & 1 ? w : -w;
  }

  embed(input: string): Float32Array {
    const v = new Float32Array(this.dim);
    const s = ` ${input.toLowerCase().replace(/\s+/g, ' ').trim()} `;
    const n = s.length;
    if (n <= 2) return v;
    // Character n-grams: FNV-1a is prefix-incremental, so the 3-gram hash extends into 4- and 5-grams.
    for (let i = 0; i + 3 <= n; i++) {
      let h = 0x811c9dc5;
      for (let k = 0; k < 5 && i + k < n; k++) {
        h = Math.imul(h ^ s.charCodeAt(i + k), 0x01000193);
        if (k >= 2) this.add(v, h + k, 1);
      }
    }
    // Word unigrams and bigrams.
    let prev = 0;
    let h = 0x811c9dc5;
    let inWord = false;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 32;
      if (isWordChar(c)) {
        h = Math.imul(h ^ c, 0x01000193);
        inWord = true;
      } else if (inWord) {
        this.add(v, h ^ 0x5bd1e995, this.wordWeight);
        if (prev !== 0) this.add(v, Math.imul(prev, 0x9e3779b1) ^ h, this.wordWeight);
        prev = h;
        h = 0x811c9dc5;
        inWord = false;
      }
    }
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += v[i] * v[i];
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < this.dim; i++) v[i] *= inv;
    }
    return v;
  }
}

export function dot(a: Float32Array, b: Float32Array, offsetB = 0): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[offsetB + i];
  return s;
}

/** Shared default instance: stateless, so one per process is enough. */
export const defaultEmbedder: Embedder = new HashedNgramEmbedder();
