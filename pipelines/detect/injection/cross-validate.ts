/**
 * k-fold cross-validation of the full detector (fixed rules + signatures, lexical model refit per
 * fold). Used by both the training and the eval script so the figures we report are out-of-fold.
 *
 * Two fold schemes:
 *  - stratified: rows shuffled (seeded) and dealt per class, the usual k-fold;
 *  - grouped: rows that share any word 6-gram are put in the same fold first (union-find). Public
 *    injection sets reuse one attack inside many carrier sentences; random folds would then test on
 *    near-copies of training rows and overstate generalisation. Grouped figures are the honest ones.
 */
import type { Embedder } from './embedder';
import { extractEvidence } from './injection-scorer';
import { lexicalProbability, trainLexicalModel, type TrainOptions, type TrainingSample } from './lexical-model';
import { normalize } from './normalize';
import type { SignatureIndex } from './signatures';
import { mulberry32 } from '../../shared/prng';

export interface LabeledText {
  readonly text: string;
  readonly label: 0 | 1;
}

export interface CrossValidationResult {
  /** Out-of-fold combined score per input row (same order). */
  readonly scores: readonly number[];
  /** Rules + signatures only (no fitting involved, so no CV needed). */
  readonly ruleScores: readonly number[];
}


function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** fold[i] in [0, k): stratified by label, deterministic for a given seed. */
export function stratifiedFolds(labels: readonly (0 | 1)[], k: number, seed = 1): number[] {
  const rnd = mulberry32(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1] as const) {
    const idx = shuffled(labels.flatMap((l, i) => (l === cls ? [i] : [])), rnd);
    idx.forEach((row, j) => (fold[row] = j % k));
  }
  return fold;
}

/** Folds that keep rows sharing a word 6-gram together; groups are dealt largest-first. */
export function groupedFolds(texts: readonly string[], k: number, seed = 1): number[] {
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  texts.forEach((t, i) => {
    const w = normalize(t).text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (let j = 0; j + 6 <= w.length; j++) {
      const key = w.slice(j, j + 6).join(' ');
      const o = owner.get(key);
      if (o === undefined) owner.set(key, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const ordered = shuffled([...groups.values()], mulberry32(seed)).sort((a, b) => b.length - a.length);
  const size = new Array<number>(k).fill(0);
  const fold = new Array<number>(texts.length).fill(0);
  for (const g of ordered) {
    const f = size.indexOf(Math.min(...size));
    for (const i of g) fold[i] = f;
    size[f]! += g.length;
  }
  return fold;
}

/** Out-of-fold scores: for each fold, fit the lexical model on the other folds and score this one. */
export function crossValidate(
  rows: readonly LabeledText[],
  folds: readonly number[],
  embedder: Embedder,
  signatures: SignatureIndex,
  trainOptions: TrainOptions = {},
): CrossValidationResult {
  const ev = rows.map((r) => extractEvidence(r.text, embedder, signatures));
  const samples: TrainingSample[] = ev.map((e, i) => ({ vec: e.vec, offset: e.ruleProbability, label: rows[i]!.label }));
  const scores = new Array<number>(rows.length).fill(0);
  const k = Math.max(...folds) + 1;
  for (let f = 0; f < k; f++) {
    const model = trainLexicalModel(samples.filter((_, i) => folds[i] !== f), embedder.id, trainOptions);
    samples.forEach((s, i) => {
      if (folds[i] === f) scores[i] = 1 - (1 - s.offset) * (1 - lexicalProbability(model, s.vec));
    });
  }
  return { scores, ruleScores: ev.map((e) => e.ruleProbability) };
}
