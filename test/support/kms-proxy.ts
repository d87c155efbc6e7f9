import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the KMS endpoint that a test can make refuse connections (closed
 * listener → ECONNREFUSED, open connections reset) and accept again. Restarting moto itself
 * (scripts/stack down.sh kms) would lose every key it holds (moto keeps state in memory), so the
 * tenants' wrapped keys could never be unwrapped again; the proxy makes the endpoint refuse
 * without destroying the keys.
 */
export class KmsProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
  ) {}

  async accept(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
