import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { auditChain, caughtUp, readOutputs, sleep, tally, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { ServiceGuard } from '../support/stack-control';
import { isolatedEnv } from '../support/test-env';
import { rssMb, type WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

jest.setTimeout(300_000);

/**
 * Issue 6's backpressure proof: ClickHouse stopped for 60 s under load while the pipeline and the
 * audit sink run. The sink's RSS (sampled every 2 s from /proc) stays bounded — it retries one
 * fetched batch and fetches nothing more — and once ClickHouse is back every decision lands and
 * each tenant's chain verifies.
 */
describe('backpressure: ClickHouse down 60 s under load', () => {
  const { env, vars } = isolatedEnv('backpressure', { KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const suffix = randomBytes(3).toString('hex');
  const tenants = [randomUUID(), randomUUID(), randomUUID()];
  const guard = new ServiceGuard();
  let ctx: AppContext;
  let load: PromptLoad;
  let pipeline: WorkerProc | undefined;
  let sink: WorkerProc | undefined;

  beforeAll(async () => {
    ctx = await createAppContext('e2e-backpressure', env);
    await bootstrap(ctx);
    for (const id of tenants) await createTenant(ctx.pg.admin, { id, name: 'E2E backpressure', slug: `e2e-bp-${id.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, tenants, `bp-${suffix}`, 41);
    pipeline = startWorkerProcess('pipeline', { ...vars, WORKER_INSTANCE_ID: `bp-${suffix}` });
    sink = startWorkerProcess('audit-sink', { ...vars, WORKER_INSTANCE_ID: `bp-sink-${suffix}` });
  });

  afterAll(async () => {
    await guard.restore();
    await Promise.all([pipeline?.stop(), sink?.stop()]);
    await load?.close();
    await ctx?.close();
  });

  it('keeps audit-sink memory bounded while ClickHouse is down, then lands and chains everything', async () => {
    const t0 = Date.now();
    const pid = sink!.child.pid!;
    const samples: { t: number; mb: number; phase: string }[] = [];
    let phase = 'warmup';
    const sampler = setInterval(() => samples.push({ t: Date.now() - t0, mb: rssMb(pid), phase }), 2_000);
    const steady = load.steady(30, 200);
    try {
      await sleep(12_000);
      phase = 'outage';
      await guard.outage('clickhouse', 60_000);
      phase = 'recovery';
      await sleep(8_000);
    } finally {
      await steady.stop();
    }
    const raw = [topicName(TOPICS.promptsRaw, env)];
    expect(await waitFor(() => caughtUp(ctx.kafka, `${env.TOPIC_PREFIX}sentinel-pipeline`, raw), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, load.sent.size, 120_000);
    const chains = await Promise.all(tenants.map((id) => auditChain(ctx, id, out.decisions.filter((d) => d.tenant_id === id).length, 120_000)));
    clearInterval(sampler);

    const warm = samples.filter((s) => s.phase === 'warmup').map((s) => s.mb);
    const baseline = warm[warm.length - 1] ?? samples[0]!.mb;
    const peak = Math.max(...samples.map((s) => s.mb));
    const t = tally(load.sent, out);
    console.log(
      `backpressure: ${load.sent.size} prompts, ${out.decisions.length} decisions; audit-sink RSS baseline ${baseline.toFixed(0)} MB, peak ${peak.toFixed(0)} MB ` +
        `(samples: ${samples.map((s) => s.mb.toFixed(0)).join(' ')}); chains ${chains.map((c) => `${c.rows}/${c.report.verified} ok=${c.report.ok}`).join(', ')}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    expect(samples.filter((s) => s.phase === 'outage').length).toBeGreaterThanOrEqual(25);
    expect(peak).toBeLessThan(baseline + 150);
    expect(sink!.child.exitCode).toBeNull();
    expect(t).toMatchObject({ lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 });
    tenants.forEach((id, i) => {
      const n = out.decisions.filter((d) => d.tenant_id === id).length;
      expect(chains[i]!.rows).toBe(n);
      expect(chains[i]!.report).toMatchObject({ ok: true, verified: n });
    });
  });
});
