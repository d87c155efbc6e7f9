/**
 * Lexical model: logistic regression over the hashed n-gram embedding. It catches injection
 * phrasings that no rule or signature covers (task hijacks, odd role assignments), while the rules
 * keep covering attack families absent from training data.
 *
 * It is trained as the *residual* of a noisy-OR: final = 1 - (1 - sigmoid(w.x + b)) * (1 - q), where q
 * is the fixed rule+signature probability of the same text. Fitting under that combined likelihood
 * means the model spends capacity only on what the rules miss and stays low on benign text instead
 * of re-learning what rules already say. Training is deterministic (zero init, full-batch gradient
 * descent with momentum, L2 penalty) so the committed weights are reproducible from the script
 * test/bench/train-injection.ts.
 */
import { z } from 'zod';

export interface LexicalModel {
  /** Embedder id the weights were trained for; the scorer refuses to mix feature spaces. */
  readonly embedderId: string;
  readonly bias: number;
  readonly weights: Float32Array;
}

export interface TrainingSample {
  readonly vec: Float32Array;
  /** Fixed probability from rules + signatures (the noisy-OR partner). */
  readonly offset: number;
  readonly label: 0 | 1;
}

export interface TrainOptions {
  readonly l2?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
}

export const LexicalModelFileSchema = z.object({
  embedderId: z.string(),
  bias: z.number(),
  weights: z.array(z.number()),
  trainedOn: z.string().optional(),
  l2: z.number().optional(),
});

export function loadLexicalModel(data: unknown): LexicalModel {
  const f = LexicalModelFileSchema.parse(data);
  return { embedderId: f.embedderId, bias: f.bias, weights: Float32Array.from(f.weights) };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function lexicalProbability(m: LexicalModel, vec: Float32Array): number {
  let z = m.bias;
  const w = m.weights;
  for (let i = 0; i < w.length; i++) z += w[i]! * vec[i]!;
  return sigmoid(z);
}

/** Fits weights by gradient descent on the noisy-OR log-likelihood (see file comment). */
export function trainLexicalModel(samples: readonly TrainingSample[], embedderId: string, opts: TrainOptions = {}): LexicalModel {
  const l2 = opts.l2 ?? 1e-4;
  const epochs = opts.epochs ?? 1000;
  const lr = opts.learningRate ?? 2;
  const dim = samples[0]?.vec.length ?? 0;
  const w = new Float64Array(dim);
  const vel = new Float64Array(dim + 1);
  let b = 0;
  const grad = new Float64Array(dim);
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    let gb = 0;
    for (const s of samples) {
      let z = b;
      for (let i = 0; i < dim; i++) z += w[i]! * s.vec[i]!;
      const p = sigmoid(z);
      // dLoss/dz: y=0 -> p ; y=1 -> -p(1-p)(1-q)/(1-(1-p)(1-q))
      const g = s.label === 0 ? p : (-p * (1 - p) * (1 - s.offset)) / Math.max(1e-9, 1 - (1 - p) * (1 - s.offset));
      gb += g;
      for (let i = 0; i < dim; i++) grad[i]! += g * s.vec[i]!;
    }
    const n = samples.length;
    for (let i = 0; i < dim; i++) {
      vel[i] = 0.9 * vel[i]! + (grad[i]! / n + l2 * w[i]!);
      w[i]! -= lr * vel[i]!;
    }
    vel[dim] = 0.9 * vel[dim]! + gb / n;
    b -= lr * vel[dim]!;
  }
  return { embedderId, bias: b, weights: Float32Array.from(w) };
}
