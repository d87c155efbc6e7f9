/**
 * Attack signatures: known injection texts embedded once, matched by cosine similarity. Catches
 * paraphrases that share vocabulary/phrasing with a reviewed attack even when no regex fires. The
 * index is a flat matrix scanned linearly: ~100 signatures x 768 dims is far cheaper than any ANN
 * structure at this size (and exact).
 */
import { z } from 'zod';
import { dot, type Embedder } from './embedder';
import { normalize } from './normalize';

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
  private matrix = new Float32Array(0);

  constructor(
    readonly dim: number,
    signatures: readonly Signature[] = [],
  ) {
    for (const s of signatures) this.add(s);
  }

  get size(): number {
    return this.sigs.length;
  }

  add(sig: Signature): void {
    if (sig.embedding.length !== this.dim) throw new Error(`signature ${sig.id}: dim ${sig.embedding.length} != ${this.dim}`);
    const next = new Float32Array((this.sigs.length + 1) * this.dim);
    next.set(this.matrix);
    next.set(sig.embedding, this.sigs.length * this.dim);
    this.matrix = next;
    this.sigs.push(sig);
  }

  /** The k most similar signatures, best first. `vec` must be L2-normalised like the stored ones. */
  topMatches(vec: Float32Array, k: number): SignatureMatch[] {
    const out: SignatureMatch[] = [];
    for (let i = 0; i < this.sigs.length; i++) {
      const similarity = dot(vec, this.matrix, i * this.dim);
      if (out.length < k || similarity > out[out.length - 1]!.similarity) {
        out.push({ signature: this.sigs[i]!, similarity });
        out.sort((a, b) => b.similarity - a.similarity);
        if (out.length > k) out.pop();
      }
    }
    return out;
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
