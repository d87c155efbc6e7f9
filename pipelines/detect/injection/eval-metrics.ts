/**
 * Binary-classification metrics for the injection detector, computed as the project's data README
 * prescribes: precision, recall, F1 and false-positive rate at the operating threshold, plus ROC
 * AUC (threshold-free). Pure functions so the eval script, the trainer and tests share one definition.
 */
export interface ScoredExample {
  readonly score: number;
  readonly label: 0 | 1;
}

export interface BinaryMetrics {
  readonly threshold: number;
  readonly n: number;
  readonly positives: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
  readonly accuracy: number;
  readonly rocAuc: number;
}

/**
 * ROC AUC via the rank-sum (Mann-Whitney U) formulation: the probability that a random positive
 * outscores a random negative, ties counted as half. O(n log n); NaN if a class is empty.
 */
export function rocAuc(examples: readonly ScoredExample[]): number {
  const sorted = [...examples].sort((a, b) => a.score - b.score);
  let pos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const avgRank = (i + 1 + j) / 2; // average 1-based rank of the tie group
    for (let k = i; k < j; k++) {
      if (sorted[k]!.label === 1) {
        pos++;
        rankSumPos += avgRank;
      }
    }
    i = j;
  }
  const neg = sorted.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Confusion-matrix metrics at `threshold` (score >= threshold is a positive prediction). */
export function computeMetrics(examples: readonly ScoredExample[], threshold: number): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const e of examples) {
    const predicted = e.score >= threshold;
    if (e.label === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    threshold,
    n: examples.length,
    positives: tp + fn,
    tp,
    fp,
    tn,
    fn,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    fpr: ratio(fp, fp + tn),
    accuracy: ratio(tp + tn, examples.length),
    rocAuc: rocAuc(examples),
  };
}
