import { createServer, type Server } from 'node:http';
import { registry } from './metrics';

export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * Per-worker HTTP endpoints: /metrics (Prometheus), /healthz (the process serves requests),
 * /readyz (every registered check passes: consumers joined, dependencies reachable).
 */
export function startObservabilityServer(port: number, host: string, ready: ReadinessCheck): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
      } else if (req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok\n');
      } else if (req.url === '/readyz') {
        const ok = await Promise.resolve(ready()).catch(() => false);
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(ok ? 'ready\n' : 'not ready\n');
      } else {
        res.writeHead(404).end();
      }
    })().catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
