/**
 * PII evaluation script: `node dist/test/bench/eval-pii.js [--json]`.
 * Reads pii-generated-large.json from $SENTINEL_DATA_DIR (default ../shared/data from the cwd).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPiiReport, runPiiEval, type PiiRow } from '../../pipelines/eval/pii-eval';

export function loadPiiRows(): PiiRow[] {
  const dir = process.env.SENTINEL_DATA_DIR ?? resolve(process.cwd(), '../shared/data');
  return JSON.parse(readFileSync(resolve(dir, 'pii-generated-large.json'), 'utf8')) as PiiRow[];
}

function main(): void {
  const report = runPiiEval(loadPiiRows());
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatPiiReport(report) + '\n');
}

if (require.main === module) main();
