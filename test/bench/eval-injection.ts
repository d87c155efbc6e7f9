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
import { scoreInjection } from '../../pipelines/detect/injection';
import { dataDir, loadInjectionDataset } from '../../pipelines/detect/injection/dataset';
import { formatInjectionReport, runInjectionEval } from '../../pipelines/eval/injection-eval';

function main(): void {
  const rows = loadInjectionDataset();
  // The four variants come from the same function `sentinel eval` prints (pipelines/eval).
  const report = runInjectionEval(rows);
  // Throughput on ~500-char prompts (data rows concatenated), after the eval warmed the JIT.
  const long: string[] = [];
  for (let i = 0; long.length < 2000; i++) {
    let t = '';
    for (let j = i; t.length < 500; j++) t += `${rows[j % rows.length]!.text} `;
    long.push(t.slice(0, 500));
  }
  const cpu0 = process.cpuUsage();
  for (const t of long) scoreInjection(t);
  const cpu = process.cpuUsage(cpu0);
  const throughput = long.length / ((cpu.user + cpu.system) / 1e6);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ data: dataDir(), rows: report.rows, threshold: report.threshold, results: report.results, promptsPerSecond: throughput }, null, 2));
    return;
  }
  console.log(formatInjectionReport({ ...report, promptsPerSecond: Math.round(throughput) }));
  console.log('(throughput: 500-char prompts per CPU-second, one core)');
}

main();
