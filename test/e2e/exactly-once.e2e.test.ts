import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { prng } from '../support/fixtures';
import { auditChain, caughtUp, readOutputs, tally, vaultAudit, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { isolatedEnv } from '../support/test-env';
import { chaosKills, sigkill, type WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

jest.setTimeout(420_000);

const TOTAL = Number(process.env.EOS_MESSAGES ?? 10_000);
const KILLS = Number(process.env.EOS_KILLS ?? 21);

/**
 * Issue 6's exactly-once proof: a fused `sentinel worker pipeline` process is SIGKILLed at random
 * points (after it has committed progress, mid-chunk) ≥ 20 times while 10,000 prompts arrive in
 * waves, restarted each time with the same WORKER_INSTANCE_ID. Read with read_committed, every
 * input has exactly one output and one decision, the vault has no duplicate row and exactly the
 * tokens the outputs carry, and each tenant's audit chain has one verified row per decision.
 */
describe('exactly-once under repeated SIGKILL', () => {
  // Chunks of 100: most fetched batches span several transactions, so kills also land while the
  // next chunk is already being detected (prefetched) and must be dropped and redone.
  const { env, vars } = isolatedEnv('eos', { KAFKA_SESSION_TIMEOUT_MS: '6000', CHUNK_MESSAGES: '100' });
  const suffix = randomBytes(3).toString('hex');
  const tenants = [randomUUID(), randomUUID()];
  let ctx: AppContext;
  let load: PromptLoad;
  let sink: WorkerProc | undefined;
  let pipeline: WorkerProc | undefined;

  beforeAll(async () => {
    ctx = await createAppContext('e2e-eos', env);
    await bootstrap(ctx);
    for (const id of tenants) await createTenant(ctx.pg.admin, { id, name: 'E2E EOS', slug: `e2e-eos-${id.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, tenants, `eos-${suffix}`, 11);
    sink = startWorkerProcess('audit-sink', { ...vars, WORKER_INSTANCE_ID: `eos-sink-${suffix}` });
  });

  afterAll(async () => {
    if (pipeline) await sigkill(pipeline);
    await sink?.stop();
    await load?.close();
    await ctx?.close();
  });

  it('every input → exactly one output and one decision; vault and audit chain without duplicates', async () => {
    const t0 = Date.now();
    const first = 1_000;
    const perWave = Math.floor((TOTAL - first) / KILLS);
    await load.produce(first);
    const chaos = await chaosKills({
      name: 'pipeline',
      vars: { ...vars, WORKER_INSTANCE_ID: `eos-${suffix}` },
      kills: KILLS,
      kafka: ctx.kafka,
      groupId: `${env.TOPIC_PREFIX}sentinel-pipeline`,
      topics: [topicName(TOPICS.promptsRaw, env)],
      rand: prng(1234),
      jitterMs: 700,
      beforeRestart: (i) => load.produce(i === KILLS - 1 ? TOTAL - load.sent.size : perWave),
    });
    pipeline = chaos.proc;
    const killPhaseS = (Date.now() - t0) / 1000;
    expect(load.sent.size).toBe(TOTAL);

    const rawTopics = [topicName(TOPICS.promptsRaw, env)];
    expect(await waitFor(() => caughtUp(ctx.kafka, `${env.TOPIC_PREFIX}sentinel-pipeline`, rawTopics), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, TOTAL, 120_000);
    const t = tally(load.sent, out);

    const vault = await Promise.all(tenants.map((id) => vaultAudit(ctx, id, out.sanitized.filter((s) => s.tenant_id === id).map((s) => s.text))));
    const chains = await Promise.all(tenants.map((id) => auditChain(ctx, id, out.decisions.filter((d) => d.tenant_id === id).length)));
    console.log(
      `exactly-once: ${TOTAL} prompts, ${chaos.kills} SIGKILLs (${chaos.killedWhileProcessing} after committed progress) in ${killPhaseS.toFixed(0)} s; ` +
        `outputs ${out.sanitized.length} sanitized + ${out.blocked.length} blocked, ${out.decisions.length} decisions; tally ${JSON.stringify(t)}; ` +
        `vault ${JSON.stringify(vault)}; chains ${chains.map((c) => `${c.rows} rows ok=${c.report.ok}`).join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    expect(chaos.kills).toBeGreaterThanOrEqual(20);
    expect(chaos.killedWhileProcessing).toBeGreaterThanOrEqual(20);
    expect(t).toEqual({ messages: TOTAL, lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 });
    expect(out.sanitized.length + out.blocked.length).toBe(TOTAL);
    expect(out.decisions.length).toBe(TOTAL);
    for (const v of vault) {
      expect(v.duplicateKeys).toBe(0);
      expect(v.missing).toBe(0);
      expect(v.rows).toBe(v.tokensInOutputs);
      expect(v.tokensInOutputs).toBeGreaterThan(0);
    }
    tenants.forEach((id, i) => {
      const decisions = out.decisions.filter((d) => d.tenant_id === id).length;
      expect(chains[i]!.rows).toBe(decisions);
      expect(chains[i]!.report).toMatchObject({ ok: true, verified: decisions });
    });
  });
});
