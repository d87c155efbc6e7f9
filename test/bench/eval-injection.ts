/**
 * Evaluates prompt-injection detection on labeled data ($SENTINEL_DATA_DIR/injection-train.jsonl,
 * default ../shared/data relative to the working directory).
 *
 *   npx tsc -p tsconfig.build.json && node dist/test/bench/eval-injection.js [--json]
 *
 * Rows reported (precision, recall, F1, FPR at the 0.5 operating threshold, ROC AUC):
 *  - rules+signatures: nothing fitted to this data, so no cross-validation is needed;
 *  - cv-stratified-5: full detector, lexical model refit on 4/5 and scored on the held-out 1/5;
 *  - cv-grouped-5: same, but rows sharing a word 6-gram stay in one fold (no near-copies across
 *    train/test) — the conservative estimate for held-out data;
 *  - shipped-in-sample: the committed weights on their own training data. Optimistic; shown only to
 *    sanity-check the committed file, never as the quality figure.
 * Also prints throughput (prompts/s on one core) of the shipped detector over the data set.
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
} from '../../pipelines/detect/injection';
import { dataDir, loadInjectionDataset } from '../../pipelines/detect/injection/dataset';

const THRESHOLD = 0.5;

function main(): void {
  const rows = loadInjectionDataset();
  const labels = rows.map((r) => r.label);
  const sigs = defaultSignatureIndex(defaultEmbedder);
  const at = (scores: readonly number[]): BinaryMetrics => computeMetrics(scores.map((score, i) => ({ score, label: labels[i]! })), THRESHOLD);

  const strat = crossValidate(rows, stratifiedFolds(labels, 5), defaultEmbedder, sigs);
  const grouped = crossValidate(rows, groupedFolds(rows.map((r) => r.text), 5), defaultEmbedder, sigs);
  const t0 = process.hrtime.bigint();
  const shipped = rows.map((r) => scoreInjection(r.text).score);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const results: Record<string, BinaryMetrics> = {
    'rules+signatures': at(strat.ruleScores),
    'cv-stratified-5': at(strat.scores),
    'cv-grouped-5': at(grouped.scores),
    'shipped-in-sample': at(shipped),
  };
  const throughput = rows.length / seconds;
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ data: dataDir(), rows: rows.length, threshold: THRESHOLD, results, promptsPerSecond: throughput }, null, 2));
    return;
  }
  console.log(`injection eval: ${rows.length} rows (${labels.filter((l) => l === 1).length} injections), threshold ${THRESHOLD}`);
  console.log('variant              precision  recall     f1    fpr    auc');
  for (const [name, m] of Object.entries(results)) {
    const f = (x: number): string => x.toFixed(3).padStart(7);
    console.log(`${name.padEnd(20)} ${f(m.precision)}   ${f(m.recall)} ${f(m.f1)} ${f(m.fpr)} ${f(m.rocAuc)}`);
  }
  console.log(`throughput: ${throughput.toFixed(0)} prompts/s (mean ${(rows.reduce((a, r) => a + r.text.length, 0) / rows.length).toFixed(0)} chars)`);
}

main();
