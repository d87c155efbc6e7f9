import { randomBytes, randomUUID } from 'node:crypto';
import { findPlaceholders } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { caughtUp, readOutputs, sleep, tally, vaultAudit, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { ServiceGuard } from '../support/stack-control';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import type { WorkerProc } from '../support/worker-chaos';

jest.setTimeout(300_000);

/**
 * Issue 6's fail-closed proof: under steady load Postgres (vault, tenants, keys) is stopped for
 * ~18 s. While it is down no output needing tokens is published (a chunk that cannot write its
 * vault rows waits and retries); every sanitized output's secrets are tokenized with a vault row
 * behind each token; after recovery every input has exactly one output.
 */
describe('fail closed: Postgres down under load', () => {
  const { env, vars } = isolatedEnv('failclosed', { KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const suffix = randomBytes(3).toString('hex');
  const tenantId = randomUUID();
  const guard = new ServiceGuard();
  let ctx: AppContext;
  let load: PromptLoad;
  let worker: WorkerProc | undefined;

  beforeAll(async () => {
    ctx = await createAppContext('e2e-failclosed', env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'E2E fail closed', slug: `e2e-fc-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, [tenantId], `fc-${suffix}`, 21);
    worker = startWorkerProcess('pipeline', { ...vars, WORKER_INSTANCE_ID: `fc-${suffix}` });
  });

  afterAll(async () => {
    await guard.restore();
    const code = await worker?.stop();
    await load?.close();
    await ctx?.close();
    expect(code).toBe(0);
  });

  it('publishes nothing needing the vault while Postgres is down, and everything exactly once after', async () => {
    const t0 = Date.now();
    const steady = load.steady(20, 200);
    const groupId = `${env.TOPIC_PREFIX}sentinel-pipeline`;
    const raw = [topicName(TOPICS.promptsRaw, env)];
    await sleep(6_000);
    let window: { downAt: number; restartAt: number; upAt: number };
    try {
      window = await guard.outage('postgres', 18_000);
      await sleep(5_000);
    } finally {
      await steady.stop();
    }
    expect(await waitFor(() => caughtUp(ctx.kafka, groupId, raw), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, load.sent.size, 120_000);
    const t = tally(load.sent, out);
    const vault = await vaultAudit(ctx, tenantId, out.sanitized.map((s) => s.text));

    // Outputs with tokens committed while Postgres was surely down (1 s grace for a chunk whose
    // vault write finished just before the stop).
    const tokenized = out.sanitized.filter((s) => findPlaceholders(s.text).length > 0);
    const duringOutage = tokenized.filter((s) => s.tsKafka > window.downAt + 1_000 && s.tsKafka < window.restartAt);
    const after = out.sanitized.filter((s) => s.tsKafka >= window.restartAt).length;
    console.log(
      `fail-closed: ${load.sent.size} prompts, Postgres down ${((window.restartAt - window.downAt) / 1000).toFixed(1)} s (healthy again after ${((window.upAt - window.downAt) / 1000).toFixed(1)} s); ` +
        `tokenized outputs during outage ${duringOutage.length}, outputs after restart ${after}; tally ${JSON.stringify(t)}; vault ${JSON.stringify(vault)}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    expect(duringOutage).toHaveLength(0);
    expect(after).toBeGreaterThan(0);
    expect(t).toMatchObject({ lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 });
    expect(vault).toMatchObject({ duplicateKeys: 0, missing: 0 });
    expect(tokenized.length).toBeGreaterThan(0);
    expect(worker!.child.exitCode).toBeNull();
  });
});
