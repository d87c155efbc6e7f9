import { spawnSync } from 'node:child_process';
import { cpuBreakdown, cpuSnapshot, type CpuSnapshot } from '../../bench/cpu-account';

const snapshot = (procs: Record<number, [ppid: number, ticks: number]>, idleTicks: number, totalTicks: number): CpuSnapshot => ({
  atMs: 0,
  procs: new Map(Object.entries(procs).map(([pid, [ppid, ticks]]) => [Number(pid), { ppid, ticks }])),
  idleTicks,
  totalTicks,
});

describe('cpuBreakdown', () => {
  it('charges each process and its descendants to the group of its nearest listed ancestor, per prompt', () => {
    // 10 = bench, 11 = a worker it started (a child of the bench, charged to the workers), 20 = postmaster, 21 = a backend.
    const from = snapshot({ 10: [1, 100], 11: [10, 50], 20: [1, 5], 21: [20, 0], 30: [1, 7] }, 1000, 2000);
    const to = snapshot({ 10: [1, 110], 11: [10, 250], 20: [1, 6], 21: [20, 4], 30: [1, 9], 31: [1, 1] }, 1040, 2400);
    const cpu = cpuBreakdown(from, to, { workers: [11], bench: [10], postgres: [20] }, 1000);
    // One tick is 10 ms = 10,000 µs; spread over 1,000 prompts, 10 µs per tick.
    expect(cpu.usPerPrompt).toEqual({ workers: 2000, bench: 100, postgres: 50, other: 30 });
    expect(cpu.idlePct).toBe(10);
  });

  it('reads this machine when /proc exists, and sees a busy child spend CPU', () => {
    const before = cpuSnapshot();
    if (before === null) return; // not Linux: the bench then prints no breakdown
    // The child spins until it has used 300 ms of CPU, however the machine schedules it.
    const child = spawnSync(process.execPath, ['-e', 'const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if (u.user + u.system >= 300000) break; }']);
    expect(child.status).toBe(0);
    const after = cpuSnapshot()!;
    expect(after.procs.get(process.pid)).toBeDefined();
    expect(after.totalTicks).toBeGreaterThan(before.totalTicks);
    // The child has exited: its CPU shows in the parent's cutime, not in its utime, so only the
    // machine's busy time can be checked here: at least the child's 0.3 s (30 ticks, less rounding).
    expect(after.totalTicks - after.idleTicks - (before.totalTicks - before.idleTicks)).toBeGreaterThanOrEqual(25);
  });
});
