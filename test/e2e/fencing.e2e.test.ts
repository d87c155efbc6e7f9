import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { caughtUp, readOutputs, sleep, tally, waitFor } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { isolatedEnv } from '../support/test-env';
import { sigkill, type WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

jest.setTimeout(240_000);

/**
 * A worker whose transactional producer is fenced (a second process started with the same
 * WORKER_INSTANCE_ID — a misconfiguration, or a "dead" worker that was only paused) can never
 * commit again. It must exit non-zero so its supervisor notices, instead of pausing and retrying
 * its partitions forever; the survivor takes the partitions over with nothing lost or duplicated.
 */
describe('a fenced worker exits instead of stalling its partitions', () => {
  const { env, vars } = isolatedEnv('fencing', { KAFKA_SESSION_TIMEOUT_MS: '6000', TOPIC_PARTITIONS: '4' });
  const suffix = randomBytes(3).toString('hex');
  const tenants = Array.from({ length: 8 }, () => randomUUID());
  const same = { ...vars, WORKER_INSTANCE_ID: `fence-${suffix}` };
  const procs: WorkerProc[] = [];
  let ctx: AppContext;
  let load: PromptLoad;

  beforeAll(async () => {
    ctx = await createAppContext('e2e-fencing', env);
    await bootstrap(ctx);
    for (const id of tenants) await createTenant(ctx.pg.admin, { id, name: 'E2E fencing', slug: `e2e-fence-${id.slice(0, 8)}`, region: 'eu-west-1' });
    load = new PromptLoad(ctx, tenants, `fence-${suffix}`, 61);
  });

  afterAll(async () => {
    for (const p of procs) await sigkill(p);
    await load?.close();
    await ctx?.close();
  });

  it('the fenced process exits non-zero; every input still has exactly one output', async () => {
    const groupId = `${env.TOPIC_PREFIX}sentinel-pipeline`;
    const raw = [topicName(TOPICS.promptsRaw, env)];
    procs.push(startWorkerProcess('pipeline', same));
    const steady = load.steady(20, 200);
    try {
      await sleep(10_000);
      procs.push(startWorkerProcess('pipeline', same)); // same transactional id: fences the first
      const exited = await waitFor(() => procs[0]!.child.exitCode !== null, 60_000, 500);
      const why = procs[0]!.logs().split('\n').filter((l) => /fenced|epoch|chunk failed/i.test(l)).slice(0, 2).join('\n');
      console.log(`fencing: first worker ${exited ? `exited with ${procs[0]!.child.exitCode}` : 'still running after 60 s'}\n${why}`);
      expect(exited).toBe(true);
      expect(procs[0]!.child.exitCode).not.toBe(0);
      await sleep(5_000);
    } finally {
      await steady.stop();
    }
    expect(await waitFor(() => caughtUp(ctx.kafka, groupId, raw), 120_000, 500)).toBe(true);
    const out = await readOutputs(ctx, load.sent.size, 60_000);
    const t = tally(load.sent, out);
    console.log(`fencing: ${load.sent.size} prompts; tally ${JSON.stringify(t)}`);
    expect(t).toMatchObject({ lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 });
    expect(procs[1]!.child.exitCode).toBeNull();
  });
});
