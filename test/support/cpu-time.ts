/**
 * CPU time (user + system, ms) this process spends in `fn`. Budgets for hostile input ("no
 * detector may run away") are about work done, and CPU time measures work without counting the
 * time the process waited for the core — on a shared 2-core CI machine wall clock would fail the
 * build for a neighbour's load, while a super-linear regex still burns seconds of CPU every run.
 */
export function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** The smallest of `runs` measurements (the standard noise-robust estimator: GC pauses, JIT). */
export function bestCpuMs(fn: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMs(fn));
  return best;
}
