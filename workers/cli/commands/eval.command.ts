import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatPiiReport, runPiiEval, type PiiEvalReport, type PiiRow } from '../../../pipelines/eval/pii-eval';
import { formatInjectionReport, runInjectionEval, type InjectionEvalReport } from '../../../pipelines/eval/injection-eval';
import { loadInjectionDataset } from '../../../pipelines/detect/injection/dataset';
import { CommandFailure, action, printJson } from '../run-command';

const PII_FILE = 'pii-generated-large.json';
const INJECTION_FILE = 'injection-train.jsonl';

interface EvalOptions {
  readonly json?: boolean;
  readonly only?: string;
}

interface EvalOutput {
  readonly dataDir: string;
  pii?: PiiEvalReport;
  injection?: InjectionEvalReport;
  readonly notes: string[];
}

/** $SENTINEL_DATA_DIR, else ../shared/data relative to the working directory (the repo root). */
function dataDir(): string {
  return resolve(process.cwd(), process.env.SENTINEL_DATA_DIR ?? '../shared/data');
}

/**
 * `sentinel eval`: scores the detection engine on the labeled data sets in the data directory — PII
 * (span P/R/F2 per entity and overall) and prompt injection (P/R/F1/FPR/AUC, cross-validated) — and
 * prints tables, or one JSON document with `--json`. Needs no running service.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('score PII and prompt-injection detection on ../shared/data (override: SENTINEL_DATA_DIR)')
    .option('--json', 'print one JSON document instead of tables')
    .option('--only <which>', 'pii or injection (default: both)')
    .action(
      action(async (o: EvalOptions) => {
        const dir = dataDir();
        const want = (k: string): boolean => o.only === undefined || o.only === k;
        if (o.only !== undefined && o.only !== 'pii' && o.only !== 'injection') throw new CommandFailure('--only must be pii or injection', 2);
        const out: EvalOutput = { dataDir: dir, notes: [] };
        if (want('pii')) {
          const file = resolve(dir, PII_FILE);
          if (existsSync(file)) out.pii = runPiiEval(JSON.parse(readFileSync(file, 'utf8')) as PiiRow[]);
          else out.notes.push(`skipped PII eval: ${file} not found`);
        }
        if (want('injection')) {
          if (existsSync(resolve(dir, INJECTION_FILE))) out.injection = runInjectionEval(loadInjectionDataset(INJECTION_FILE));
          else out.notes.push(`skipped injection eval: ${resolve(dir, INJECTION_FILE)} not found`);
        }
        if (out.pii === undefined && out.injection === undefined) throw new CommandFailure(`no evaluation data in ${dir}`);
        if (o.json) return printJson(out);
        const w = (s: string): void => void process.stdout.write(`${s}\n`);
        w(`data: ${dir}`);
        if (out.pii) {
          w(`\nPII (${PII_FILE}), span-overlap scoring, default threshold`);
          w(formatPiiReport(out.pii));
        }
        if (out.injection) {
          w(`\nPrompt injection (${INJECTION_FILE})`);
          w(formatInjectionReport(out.injection));
        }
        for (const n of out.notes) w(`note: ${n}`);
      }),
    );
}
