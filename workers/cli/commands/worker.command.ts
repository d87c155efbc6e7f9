import type { Server } from 'node:http';
import type { Command } from 'commander';
import { logger } from '../../observability/logger';
import { startObservabilityServer } from '../../observability/http-server';
import { bootstrap, createAppContext } from '../../runtime/app-context';
import { ALL_WORKERS, startWorker, WORKER_NAMES, type RunningWorker, type WorkerName } from '../../runtime/pipeline-workers';
import { action, CommandFailure } from '../run-command';

/** Graceful stop must finish within this budget (in-flight chunk commits, group leave). */
const STOP_BUDGET_MS = 10_000;

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .argument('<name>', `worker to run: ${WORKER_NAMES.join(', ')}, or all (= ${ALL_WORKERS.join(' + ')})`)
    .description('run pipeline worker(s) in the foreground until SIGTERM/SIGINT; METRICS_PORT>0 serves /metrics, /healthz, /readyz')
    .action(
      action(async (name: string) => {
        const names: WorkerName[] = name === 'all' ? [...ALL_WORKERS] : WORKER_NAMES.includes(name as WorkerName) ? [name as WorkerName] : [];
        if (names.length === 0) throw new CommandFailure(`unknown worker "${name}" (expected ${WORKER_NAMES.join(', ')} or all)`, 2);
        const ctx = await createAppContext(`worker-${name}`);
        await bootstrap(ctx);
        const running: RunningWorker[] = [];
        for (const n of names) running.push(await startWorker(ctx, n));
        let server: Server | undefined;
        if (ctx.env.METRICS_PORT > 0) {
          server = await startObservabilityServer(ctx.env.METRICS_PORT, ctx.env.METRICS_HOST, () => running.every((w) => w.ready?.() ?? true));
        }
        logger.info({ workers: names, metricsPort: ctx.env.METRICS_PORT || undefined }, 'workers started');
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            logger.info({ signal }, 'stopping workers');
            const timer = setTimeout(() => {
              logger.error('graceful stop exceeded budget; exiting');
              process.exit(1);
            }, STOP_BUDGET_MS);
            timer.unref();
            server?.close();
            void Promise.allSettled(running.map((w) => w.stop()))
              .then(() => ctx.close())
              .then(resolve);
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
        logger.info('workers stopped');
      }),
    );
}
