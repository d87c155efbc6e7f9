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
        // Signals are handled from the first moment: a SIGTERM during start-up (bootstrap, group
        // joins) must still end in a graceful stop with exit 0, not the default kill.
        let requested: string | undefined;
        let wake: () => void = () => undefined;
        const stopRequested = new Promise<void>((resolve) => (wake = resolve));
        // The stop budget runs from the signal, not from when the stop begins: a worker that is
        // stuck starting up (e.g. a broker that accepts connections but never answers) still exits.
        let budget: NodeJS.Timeout | undefined;
        const armStopBudget = () => {
          budget ??= setTimeout(() => {
            logger.error('graceful stop exceeded budget; exiting');
            process.exit(1);
          }, STOP_BUDGET_MS);
          budget.unref();
        };
        const onSignal = (signal: string) => {
          requested ??= signal;
          armStopBudget();
          wake();
        };
        process.once('SIGTERM', () => onSignal('SIGTERM'));
        process.once('SIGINT', () => onSignal('SIGINT'));
        const ctx = await createAppContext(`worker-${name}`);
        const running: RunningWorker[] = [];
        let server: Server | undefined;
        try {
          await bootstrap(ctx);
          for (const n of names) {
            if (requested) break;
            running.push(await startWorker(ctx, n));
          }
          if (ctx.env.METRICS_PORT > 0 && !requested) {
            server = await startObservabilityServer(ctx.env.METRICS_PORT, ctx.env.METRICS_HOST, () => running.every((w) => w.ready?.() ?? true));
          }
          if (!requested) logger.info({ workers: names, metricsPort: ctx.env.METRICS_PORT || undefined }, 'workers started');
          await stopRequested;
        } finally {
          logger.info({ signal: requested }, 'stopping workers');
          armStopBudget();
          server?.close();
          await Promise.allSettled(running.map((w) => w.stop()));
          await ctx.close();
        }
        logger.info('workers stopped');
      }),
    );
}
