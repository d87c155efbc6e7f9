import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

/**
 * A worker that cannot finish starting (here: a "broker" that accepts connections and never
 * answers) must still exit within the stop budget of a SIGTERM, not linger as an orphan.
 */
describe('worker stop budget', () => {
  const sockets: Socket[] = [];
  let silent: Server;
  beforeAll(async () => {
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('exits within 10 s of SIGTERM while stuck starting up', async () => {
    const { vars } = isolatedEnv('stop-budget', { KAFKA_BROKERS: `127.0.0.1:${(silent.address() as AddressInfo).port}` });
    const worker = startWorkerProcess('pipeline', vars);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(worker.child.exitCode).toBeNull(); // still trying to start
    const t0 = Date.now();
    const code = await worker.stop();
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(11_000);
    expect(code).toBe(1);
    expect(worker.logs()).toContain('graceful stop exceeded budget');
  }, 30_000);
});
