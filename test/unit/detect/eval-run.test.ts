/** Runs the PII eval over the shared dataset when present (skipped otherwise) and prints the table. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPiiReport, runPiiEval } from '../../../pipelines/eval/pii-eval';
import { loadPiiRows } from '../../bench/eval-pii';

const dataFile = resolve(process.env.SENTINEL_DATA_DIR ?? resolve(process.cwd(), '../shared/data'), 'pii-generated-large.json');
const maybe = existsSync(dataFile) ? test : test.skip;

maybe('pii eval meets targets', () => {
  const report = runPiiEval(loadPiiRows());
  if (process.env.PII_EVAL_PRINT) console.log(formatPiiReport(report));
  expect(report.overall.f2).toBeGreaterThanOrEqual(0.8);
  for (const l of ['CREDIT_CARD', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS']) {
    expect([l, report.perLabel[l].f2 >= 0.95]).toEqual([l, true]);
  }
}, 60000);
