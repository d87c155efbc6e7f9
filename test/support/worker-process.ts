import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, from sources (jest) or from compiled benches in dist/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'bin', 'sentinel.js'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('bin/sentinel.js not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const ROOT = repoRoot();

/**
 * Node flags for worker children, e.g. WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to
 * profile the workers a bench starts (NODE_OPTIONS refuses --cpu-prof).
 */
const NODE_ARGS = (process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts `sentinel worker <name>` from the built CLI as a real child process. */
export function startWorkerProcess(name: string, vars: Record<string, string>): { child: ChildProcess; logs: () => string; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [...NODE_ARGS, join(ROOT, 'bin', 'sentinel.js'), 'worker', name], { env: vars, stdio: ['ignore', 'pipe', 'pipe'] });
  if (process.env.WORKER_LOG_TO_STDERR) child.stderr?.pipe(process.stderr);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    logs: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export type SupervisedWorker = ReturnType<typeof startWorkerProcess> & { readonly restarts: () => number };

/**
 * `sentinel worker <name>` under a supervisor, as deployed (systemd Restart=on-failure, a pod's
 * restartPolicy): exit code 70 means "cannot make progress, restart me" (a fenced or expired
 * transactional producer), so the worker is started again at once with the same environment.
 * Other exits, signals included, are left alone (a test that SIGKILLs a worker restarts it itself).
 */
export function startSupervisedWorker(name: string, vars: Record<string, string>): SupervisedWorker {
  let current = startWorkerProcess(name, vars);
  let earlierLogs = '';
  let restarts = 0;
  let stopped = false;
  const watch = (): void => {
    current.child.once('exit', (code) => {
      if (code !== 70 || stopped) return;
      earlierLogs += current.logs();
      restarts++;
      current = startWorkerProcess(name, vars);
      watch();
    });
  };
  watch();
  return {
    get child() {
      return current.child;
    },
    logs: () => earlierLogs + current.logs(),
    stop: () => {
      stopped = true;
      return current.stop();
    },
    restarts: () => restarts,
  };
}
