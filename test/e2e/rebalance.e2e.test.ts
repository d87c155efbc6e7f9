import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { caughtUp, readOutputs, sleep, tally, vaultAudit, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { isolatedEnv } from '../support/test-env';
import { sigkill, terminate, type WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

jest.setTimeout(300_000);

/**
 * Issue 6's scale-out proof: three `sentinel worker pipeline` processes (distinct
 * WORKER_INSTANCE_IDs) share 6 partitions; one leaves with SIGTERM mid-run (exit 0 within 10 s)
 * and a fourth joins. Under steady load across 12 tenants: no input lost, none duplicated.
 */
describe('rebalance: 3 workers share partitions, one leaves, one joins', () => {
  const { env, vars } = isolatedEnv('rebalance', { TOPIC_PARTITIONS: '6', KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const suffix = randomBytes(3).toString('hex');
  const tenants = Array.from({ length: 12 }, () => randomUUID());
  const workers: WorkerProc[] = [];
  let ctx: AppContext;
  let load: PromptLoad;
  const start = (n: number) => workers.push(startWorkerProcess('pipeline', { ...vars, WORKER_INSTANCE_ID: `rb-${suffix}-${n}` }));

  beforeAll(async () => {
    ctx = await createAppContext('e2e-rebalance', env);
    await bootstrap(ctx);
    for (const id of tenants) await createTenant(ctx.pg.admin, { id, name: 'E2E rebalance', slug: `e2e-rb-${id.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, tenants, `rb-${suffix}`, 31);
  });

  afterAll(async () => {
    for (const w of workers) await sigkill(w);
    await load?.close();
    await ctx?.close();
  });

  it('loses and duplicates nothing across a graceful leave and a join', async () => {
    const t0 = Date.now();
    const groupId = `${env.TOPIC_PREFIX}sentinel-pipeline`;
    const raw = [topicName(TOPICS.promptsRaw, env)];
    for (let n = 1; n <= 3; n++) start(n);
    const steady = load.steady(40, 200);
    let leave: { code: number | null; ms: number };
    try {
      await sleep(15_000);
      const sentBeforeLeave = load.sent.size;
      leave = await terminate(workers[1]!);
      console.log(`rebalance: worker 2 left after ${sentBeforeLeave} prompts sent`);
      await sleep(5_000);
      start(4);
      await sleep(15_000);
    } finally {
      await steady.stop();
    }
    expect(await waitFor(() => caughtUp(ctx.kafka, groupId, raw), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, load.sent.size, 120_000);
    const t = tally(load.sent, out);
    const vault = await Promise.all(tenants.map((id) => vaultAudit(ctx, id, out.sanitized.filter((s) => s.tenant_id === id).map((s) => s.text))));
    console.log(
      `rebalance: ${load.sent.size} prompts over ${tenants.length} tenants / 6 partitions; SIGTERM exit ${leave.code} in ${leave.ms} ms; ` +
        `tally ${JSON.stringify(t)}; vault dup keys ${vault.reduce((s, v) => s + v.duplicateKeys, 0)}, missing ${vault.reduce((s, v) => s + v.missing, 0)}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    expect(leave.code).toBe(0);
    expect(leave.ms).toBeLessThan(10_000);
    expect(t).toMatchObject({ lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 });
    for (const v of vault) expect(v).toMatchObject({ duplicateKeys: 0, missing: 0 });
    for (const w of [workers[0]!, workers[2]!, workers[3]!]) expect(w.child.exitCode).toBeNull();
  });
});
