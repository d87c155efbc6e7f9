import { execFile } from 'node:child_process';
import { join } from 'node:path';

const STACK = join(__dirname, '..', '..', 'scripts', 'stack');

export type StackService = 'kafka' | 'registry' | 'postgres' | 'redis' | 'clickhouse' | 'kms';

function run(script: 'up.sh' | 'down.sh', services: readonly StackService[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(STACK, script), ...services], { timeout: 300_000, maxBuffer: 1 << 22 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script} ${services.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

/** Stops one stack service (scripts/stack/down.sh <svc>); the caller MUST restore it in a finally/afterAll. */
export async function stopService(svc: StackService): Promise<void> {
  await run('down.sh', [svc]);
}

/** Starts a service again (idempotent: a healthy service is left alone). */
export async function startService(svc: StackService): Promise<void> {
  await run('up.sh', [svc]);
}

/**
 * Remembers what a test stopped so afterAll can bring it back no matter how the test ended.
 * `restore()` never throws (an afterAll failing would hide the test's own failure); it retries once.
 */
export class ServiceGuard {
  private readonly stopped = new Set<StackService>();

  async stop(svc: StackService): Promise<void> {
    this.stopped.add(svc);
    await stopService(svc);
  }

  async start(svc: StackService): Promise<void> {
    await startService(svc);
    this.stopped.delete(svc);
  }

  /**
   * Outage of `ms` with the service restored even if `during` throws. Times (epoch ms): stopped,
   * restart begun (the service is surely down in [downAt, restartAt]) and healthy again.
   */
  async outage(svc: StackService, ms: number, during?: () => Promise<void>): Promise<{ downAt: number; restartAt: number; upAt: number }> {
    await this.stop(svc);
    const downAt = Date.now();
    let restartAt!: number;
    try {
      await Promise.all([new Promise((r) => setTimeout(r, ms)), during?.()]);
    } finally {
      restartAt = Date.now();
      await this.start(svc);
    }
    return { downAt, restartAt, upAt: Date.now() };
  }

  async restore(): Promise<void> {
    for (const svc of [...this.stopped]) {
      for (let attempt = 0; attempt < 2 && this.stopped.has(svc); attempt++) {
        await this.start(svc).catch((err: unknown) => console.error(`restore ${svc}: ${String(err)}`));
      }
    }
  }
}
