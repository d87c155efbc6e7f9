/**
 * Attack signatures: known injection texts embedded once, matched by cosine similarity. Catches
 * paraphrases that share vocabulary/phrasing with a reviewed attack even when no regex fires. Every
 * signature is scored exactly (signature-scan.ts): at ~100 signatures that is far cheaper than any
 * ANN structure.
 */
import { z } from 'zod';
import type { Embedder } from './embedder';
import { normalize } from './normalize';
import { similarityScanner, type SimilarityScan } from './signature-scan';

export interface Signature {
  readonly id: string;
  readonly label: string;
  readonly embedding: Float32Array;
  /** Cosine similarity at or above which this signature counts as matched. */
  readonly confidenceThreshold: number;
  readonly source: string;
}

export interface SignatureMatch {
  readonly signature: Signature;
  readonly similarity: number;
}

export class SignatureIndex {
  private readonly sigs: Signature[] = [];
  // Compressed sparse rows: row r's non-zeros are idx/val[rowStart[r] .. rowStart[r + 1]).
  private idx = new Int32Array(0);
  // Float64 copies of float32 values (exact): the dot product runs on doubles without per-element
  // float32 widening; sums are bit-identical.
  private val = new Float64Array(0);
  private rowStart = new Int32Array(1);
  /** Scanner over the current rows; rebuilt lazily after add(). */
  private scanner: SimilarityScan | null = null;

  constructor(
    readonly dim: number,
    signatures: readonly Signature[] = [],
  ) {
    for (const s of signatures) this.add(s);
  }

  get size(): number {
    return this.sigs.length;
  }

  /** The indexed signatures (e.g. to build a tenant index on top of the shipped set). */
  all(): readonly Signature[] {
    return this.sigs;
  }

  add(sig: Signature): void {
    if (sig.embedding.length !== this.dim) throw new Error(`signature ${sig.id}: dim ${sig.embedding.length} != ${this.dim}`);
    const nz: number[] = [];
    sig.embedding.forEach((v, i) => v !== 0 && nz.push(i));
    const start = this.rowStart[this.sigs.length]!;
    const idx = new Int32Array(start + nz.length);
    const val = new Float64Array(start + nz.length);
    idx.set(this.idx);
    val.set(this.val);
    nz.forEach((i, j) => {
      idx[start + j] = i;
      val[start + j] = sig.embedding[i]!;
    });
    const rows = new Int32Array(this.sigs.length + 2);
    rows.set(this.rowStart);
    rows[this.sigs.length + 1] = start + nz.length;
    this.idx = idx;
    this.val = val;
    this.rowStart = rows;
    this.scanner = null;
    this.sigs.push(sig);
  }

  /** The k most similar signatures, best first. `vec` must be L2-normalised like the stored ones. */
  topMatches(vec: Float32Array, k: number): SignatureMatch[] {
    const sims = this.similarities(vec);
    const order = Array.from(sims.keys()).sort((x, y) => sims[y]! - sims[x]!);
    return order.slice(0, k).map((i) => ({ signature: this.sigs[i]!, similarity: sims[i]! }));
  }

  /** Best single match (null when empty): the hot path, avoids sorting. */
  best(vec: Float32Array): SignatureMatch | null {
    if (this.sigs.length === 0) return null;
    const sims = this.similarities(vec);
    let bi = 0;
    for (let i = 1; i < sims.length; i++) if (sims[i]! > sims[bi]!) bi = i;
    return { signature: this.sigs[bi]!, similarity: sims[bi]! };
  }

  /**
   * Cosine similarity to every signature, in a buffer the next call overwrites (both callers read it
   * at once). Signatures are short texts, so their hashed vectors are sparse (~200 of 768 buckets);
   * scanning them in compressed form is ~4x cheaper than dense (signature-scan.ts).
   */
  private similarities(vec: Float32Array): Float64Array {
    this.scanner ??= similarityScanner(this.idx, this.val, this.rowStart, this.sigs.length, this.dim);
    return this.scanner(vec);
  }
}

/** On-disk format of schemas/signatures/*.json: reviewed attack texts, embedded at load time. */
export const SignatureFileSchema = z.object({
  version: z.number().int(),
  signatures: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9_.-]+$/),
        label: z.string().min(1),
        text: z.string().min(1),
        description: z.string().min(1),
        threshold: z.number().gt(0).lte(1),
        source: z.string().min(1),
        reviewer: z.string().min(1),
        lang: z.string().min(2).optional(),
      }),
    )
    .min(1),
});
export type SignatureFile = z.infer<typeof SignatureFileSchema>;

/** Validates a signature file and embeds each text with the given embedder (normalised first). */
export function buildSignatureIndex(data: unknown, embedder: Embedder): SignatureIndex {
  const file = SignatureFileSchema.parse(data);
  const seen = new Set<string>();
  const index = new SignatureIndex(embedder.dim);
  for (const s of file.signatures) {
    if (seen.has(s.id)) throw new Error(`duplicate signature id ${s.id}`);
    seen.add(s.id);
    index.add({
      id: s.id,
      label: s.label,
      embedding: embedder.embed(normalize(s.text).text),
      confidenceThreshold: s.threshold,
      source: s.source,
    });
  }
  return index;
}
