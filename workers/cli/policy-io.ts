import { readFileSync } from 'node:fs';
import type { PathError } from '../../pipelines/policy';
import { PolicyRefusal } from '../policy/policy.repo';
import { CommandFailure } from './run-command';

/** Reads and parses a ruleset file; a missing file or bad JSON is one readable failure line. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CommandFailure(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CommandFailure(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** One line per error: `<label>: <json pointer or />: <reason>`, so every path is greppable. */
export function printPathErrors(label: string, errors: readonly PathError[], kind = 'error'): void {
  for (const e of errors) process.stderr.write(`${label}: ${kind} at ${e.path === '' ? '/' : e.path}: ${e.message}\n`);
}

/** Prints a refused ruleset's errors line by line, then fails with the refusal's summary. */
export function rethrowRefusal(label: string, err: unknown): never {
  if (err instanceof PolicyRefusal) {
    printPathErrors(label, err.errors);
    throw new CommandFailure(err.message);
  }
  throw err;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A window bound: a duration before now (`90s`, `15m`, `1h`, `7d`) or an absolute ISO-8601 time. */
export function parseTimeBound(value: string, nowMs: number, flag: string): number {
  const rel = /^(\d+)([smhdw])$/.exec(value.trim());
  if (rel) return nowMs - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  const abs = Date.parse(value);
  if (Number.isNaN(abs)) throw new CommandFailure(`${flag} "${value}" is neither a duration (e.g. 1h, 30m, 7d) nor an ISO time`, 2);
  return abs;
}
