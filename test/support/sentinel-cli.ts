import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'sentinel.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`npm run build` first) with the given environment, to completion. */
export function sentinelCli(vars: Record<string, string>, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: vars, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built CLI in the background; `signal` sends a signal, `done` resolves at exit. */
export function sentinelCliAsync(vars: Record<string, string>, ...args: string[]): { signal: (s: NodeJS.Signals) => void; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: vars, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { signal: (s) => child.kill(s), done };
}

/** Parses a `--json` command's stdout; on failure the error shows the exit code and stderr, not a bare SyntaxError. */
export function jsonOf<T>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${String(r.code)}): stdout=${r.stdout.slice(0, 300)} stderr=${r.stderr.slice(0, 300)}`);
  }
}
