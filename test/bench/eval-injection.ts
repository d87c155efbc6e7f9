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
 * Also prints throughput of the shipped detector: 500-char prompts per CPU-second (one core).
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
  const shipped = rows.map((r) => scoreInjection(r.text).score);
  // Throughput on ~500-char prompts (data rows concatenated), after the pass above warmed the JIT.
  const long: string[] = [];
  for (let i = 0; long.length < 2000; i++) {
    let t = '';
    for (let j = i; t.length < 500; j++) t += `${rows[j % rows.length]!.text} `;
    long.push(t.slice(0, 500));
  }
  const cpu0 = process.cpuUsage();
  for (const t of long) scoreInjection(t);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (cpu.user + cpu.system) / 1e6;

  const results: Record<string, BinaryMetrics> = {
    'rules+signatures': at(strat.ruleScores),
    'cv-stratified-5': at(strat.scores),
    'cv-grouped-5': at(grouped.scores),
    'shipped-in-sample': at(shipped),
  };
  const throughput = long.length / seconds;
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
  console.log(`throughput: ${throughput.toFixed(0)} prompts/s per core (500-char prompts, CPU time)`);
}

main();
