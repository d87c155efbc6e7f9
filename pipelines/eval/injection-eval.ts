/**
 * Prompt-injection evaluation as a function (the injection team's test/bench/eval-injection.ts is a
 * script): the same four variants at the same operating threshold, built only from the public API of
 * pipelines/detect/injection, so `sentinel eval` can print it next to the PII table.
 */
import {
  computeMetrics,
  crossValidate,
  defaultEmbedder,
  defaultSignatureIndex,
  groupedFolds,
  scoreInjection,
  stratifiedFolds,
  type BinaryMetrics,
  type LabeledText,
} from '../detect/injection';

export const INJECTION_THRESHOLD = 0.5;

export interface InjectionEvalReport {
  readonly rows: number;
  readonly injections: number;
  readonly threshold: number;
  /** rules+signatures, cv-stratified-5, cv-grouped-5 (the held-out figure), shipped-in-sample (optimistic). */
  readonly results: Readonly<Record<string, BinaryMetrics>>;
  readonly promptsPerSecond: number;
}

export function runInjectionEval(rows: readonly LabeledText[]): InjectionEvalReport {
  const labels = rows.map((r) => r.label);
  const sigs = defaultSignatureIndex(defaultEmbedder);
  const at = (scores: readonly number[]): BinaryMetrics =>
    computeMetrics(scores.map((score, i) => ({ score, label: labels[i] ?? 0 })), INJECTION_THRESHOLD);
  const strat = crossValidate([...rows], stratifiedFolds(labels, 5), defaultEmbedder, sigs);
  const grouped = crossValidate([...rows], groupedFolds(rows.map((r) => r.text), 5), defaultEmbedder, sigs);
  const t0 = process.hrtime.bigint();
  const shipped = rows.map((r) => scoreInjection(r.text).score);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    rows: rows.length,
    injections: labels.filter((l) => l === 1).length,
    threshold: INJECTION_THRESHOLD,
    results: {
      'rules+signatures': at(strat.ruleScores),
      'cv-stratified-5': at(strat.scores),
      'cv-grouped-5': at(grouped.scores),
      'shipped-in-sample': at(shipped),
    },
    promptsPerSecond: Math.round(rows.length / Math.max(seconds, 1e-9)),
  };
}

export function formatInjectionReport(r: InjectionEvalReport): string {
  const f = (x: number): string => x.toFixed(3).padStart(9);
  const lines = [
    `injection eval: ${r.rows} rows (${r.injections} injections), threshold ${r.threshold}`,
    `${'variant'.padEnd(20)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'f1'.padStart(9)}${'fpr'.padStart(9)}${'auc'.padStart(9)}`,
  ];
  for (const [name, m] of Object.entries(r.results)) lines.push(`${name.padEnd(20)}${f(m.precision)}${f(m.recall)}${f(m.f1)}${f(m.fpr)}${f(m.rocAuc)}`);
  lines.push(`throughput: ${r.promptsPerSecond} prompts/s (shipped detector, one core)`);
  return lines.join('\n');
}
