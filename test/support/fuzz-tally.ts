import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One fuzz target's figures: how many inputs it tried, how they ended, the slowest one. */
export interface TallyRow {
  readonly suite: string;
  readonly inputs: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly maxMs: number;
  readonly seconds: number;
}

/** Every fuzz file of one `jest --runInBand` run shares this process id, hence this file. */
const FILE = join(tmpdir(), `sentinel-fuzz-tally-${process.pid}.json`);

export function readTally(): TallyRow[] {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as TallyRow[]) : [];
}

/** Adds (or replaces) a row, prints the table of everything tried so far, returns the total inputs. */
export function recordTally(row: TallyRow): number {
  const rows = [...readTally().filter((r) => r.suite !== row.suite), row];
  writeFileSync(FILE, JSON.stringify(rows));
  const total = rows.reduce((n, r) => n + r.inputs, 0);
  const lines = [
    'fuzz summary (cumulative for this run)',
    `${'suite'.padEnd(44)} ${'inputs'.padStart(8)} ${'max ms'.padStart(8)} ${'secs'.padStart(6)}  outcomes`,
    ...rows.map((r) => {
      const outcomes = Object.entries(r.outcomes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ');
      return `${r.suite.padEnd(44)} ${String(r.inputs).padStart(8)} ${r.maxMs.toFixed(1).padStart(8)} ${r.seconds.toFixed(1).padStart(6)}  ${outcomes}`;
    }),
    `${'TOTAL'.padEnd(44)} ${String(total).padStart(8)}`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  return total;
}

/** Counts outcomes and the slowest input of one target. */
export class Counter {
  readonly outcomes: Record<string, number> = {};
  inputs = 0;
  maxMs = 0;
  private readonly started = performance.now();

  add(outcome: string, ms: number): void {
    this.inputs++;
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  row(suite: string): TallyRow {
    return { suite, inputs: this.inputs, outcomes: { ...this.outcomes }, maxMs: this.maxMs, seconds: (performance.now() - this.started) / 1000 };
  }
}

/** The fuzz targets; the file that sees all of them recorded asserts the suite-wide total. */
export const FUZZ_SUITES = ['codec', 'stages', 'ruleset', 'worker'] as const;

export function allSuitesRecorded(): boolean {
  const rows = readTally();
  return FUZZ_SUITES.every((s) => rows.some((r) => r.suite.startsWith(`${s}:`)));
}

/** Called by every fuzz file's afterAll: the last file to finish (it sees every suite) checks the total. */
export function expectSuiteTotalAtLeast(min: number): void {
  if (!allSuitesRecorded()) return;
  const total = readTally().reduce((n, r) => n + r.inputs, 0);
  process.stdout.write(`fuzz suite total: ${total} inputs (required >= ${min})\n`);
  if (total < min) throw new Error(`fuzz suite tried ${total} inputs, fewer than ${min}`);
}
