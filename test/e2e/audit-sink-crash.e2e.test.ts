import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { prng } from '../support/fixtures';
import { auditChain, caughtUp, readOutputs, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { isolatedEnv } from '../support/test-env';
import { chaosKills, sigkill, type WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

const TOTAL = Number(process.env.SINK_CRASH_MESSAGES ?? 2_400);
const KILLS = Number(process.env.SINK_CRASH_KILLS ?? 5);

/**
 * Issue 7's exactly-once into ClickHouse: the audit sink process is SIGKILLed at random points
 * (after it committed progress, so mid-stream and often mid-batch) while decisions keep arriving,
 * and restarted each time. It must resume every tenant's chain from what ClickHouse holds: one row
 * per decision, no gap (seq), no duplicate, no fork (the chain verifies end to end).
 */
describe('audit sink killed mid-batch', () => {
  const { env, vars } = isolatedEnv('sinkcrash', { KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const suffix = randomBytes(3).toString('hex');
  const tenants = [randomUUID(), randomUUID(), randomUUID()];
  let ctx: AppContext;
  let load: PromptLoad;
  let pipeline: WorkerProc | undefined;
  let sink: WorkerProc | undefined;

  beforeAll(async () => {
    ctx = await createAppContext('e2e-sinkcrash', env);
    await bootstrap(ctx);
    for (const id of tenants) await createTenant(ctx.pg.admin, { id, name: 'E2E sink crash', slug: `e2e-sink-${id.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, tenants, `sink-${suffix}`, 5);
    pipeline = startWorkerProcess('pipeline', { ...vars, WORKER_INSTANCE_ID: `sink-pipe-${suffix}` });
  });

  afterAll(async () => {
    if (sink) await sigkill(sink);
    await pipeline?.stop();
    await load?.close();
    await ctx?.close();
  });

  it('resumes each chain from ClickHouse with no gap, duplicate or fork', async () => {
    const perWave = Math.floor(TOTAL / (KILLS + 1));
    await load.produce(perWave);
    const chaos = await chaosKills({
      name: 'audit-sink',
      vars: { ...vars, WORKER_INSTANCE_ID: `sink-${suffix}` },
      kills: KILLS,
      kafka: ctx.kafka,
      groupId: `${env.TOPIC_PREFIX}sentinel-audit-sink`,
      topics: [topicName(TOPICS.decisions, env)],
      rand: prng(77),
      jitterMs: 300,
      beforeRestart: (i) => load.produce(i === KILLS - 1 ? TOTAL - load.sent.size : perWave),
    });
    sink = chaos.proc;
    expect(load.sent.size).toBe(TOTAL);
    expect(await waitFor(() => caughtUp(ctx.kafka, `${env.TOPIC_PREFIX}sentinel-pipeline`, [topicName(TOPICS.promptsRaw, env)]), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, TOTAL, 120_000);
    expect(out.decisions.length).toBe(TOTAL);
    const chains = await Promise.all(tenants.map((id) => auditChain(ctx, id, out.decisions.filter((d) => d.tenant_id === id).length, 120_000)));
    console.log(`audit-sink crash: ${chaos.kills} SIGKILLs (${chaos.killedWhileProcessing} after committed progress); ${TOTAL} decisions; chains ${chains.map((c) => `${c.rows} rows ok=${c.report.ok}`).join(', ')}`);
    expect(chaos.killedWhileProcessing).toBeGreaterThanOrEqual(KILLS - 1);
    tenants.forEach((id, i) => {
      const decisions = out.decisions.filter((d) => d.tenant_id === id).length;
      expect(chains[i]!.rows).toBe(decisions);
      expect(chains[i]!.report).toMatchObject({ ok: true, verified: decisions });
    });
  });
});
