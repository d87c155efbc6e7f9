import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { prng } from '../support/fixtures';
import { FaultHarness, type FaultRow } from '../support/fault-harness';
import { committedTotal, chaosKills, sigkill } from '../support/worker-chaos';
import { startSupervisedWorker } from '../support/worker-process';
import { sleep } from '../support/pipeline-audit';

jest.setTimeout(600_000);

/**
 * Size of the run. The defaults are the issue's (≥ 20 SIGKILLs, 30 s / 60 s outages); CI runs a
 * smaller size (.ci/run: FAULT_KILLS=10 FAULT_OUTAGE_SCALE=0.5) so the whole build stays well
 * under 30 minutes — `npm test` already holds 21 SIGKILLs in its exactly-once test.
 */
const KILLS = Number(process.env.FAULT_KILLS ?? 20);
const SCALE = Number(process.env.FAULT_OUTAGE_SCALE ?? 1);
const secs = (s: number) => Math.round(s * SCALE);

/**
 * Issue 9's fault suite (`npm run test:faults`): under a steady load of prompts, one fault at a
 * time — SIGKILL the pipeline worker ≥ 20 times, restart the Kafka broker, stop Postgres 30 s,
 * ClickHouse 60 s, Redis 30 s (jobs worker running), make the KMS endpoint refuse 30 s — and after
 * each: zero inputs lost, zero duplicate outputs (read_committed), zero unsanitized outputs, the
 * fault's tenant's audit chain verifies and its Merkle anchors stay consistent. Prints fault × messages × lost × duplicated × leaked.
 * Every stopped service is restored in afterAll whatever happened.
 */
describe('faults under steady load', () => {
  const h = new FaultHarness();
  const clean = (row: FaultRow) => {
    expect(row).toMatchObject({ lost: 0, duplicated: 0, leaked: 0 });
    expect(row.decisions).toMatch(/missing 0, dup 0/);
    expect(row.vault).toMatch(/dup 0, missing 0/);
    expect(row.chain).toMatch(/ ok$/);
    expect(row.anchors).toMatch(/ ok$/);
    expect(row.messages).toBeGreaterThan(0);
  };

  beforeAll(() => h.setup());
  afterAll(async () => {
    await h.teardown();
    console.log(`fault suite (FAULT_KILLS=${KILLS}, FAULT_OUTAGE_SCALE=${SCALE}, FAULT_SCALE=${process.env.FAULT_SCALE ?? 1}):\n${h.table()}`);
  });

  it(`SIGKILL the pipeline worker ${KILLS} times at random points`, async () => {
    const row = await h.fault('sigkill', async () => {
      await sigkill(h.pipeline!);
      const start = () => startSupervisedWorker('pipeline', h.pipelineVars);
      const chaos = await chaosKills({ name: 'pipeline', vars: h.pipelineVars, kills: KILLS, kafka: h.ctx.kafka, groupId: h.groupId, topics: [topicName(TOPICS.promptsRaw, h.env)], rand: prng(99), jitterMs: 700, start });
      h.pipeline = chaos.proc;
      return `${chaos.kills + 1} SIGKILLs, ${chaos.killedWhileProcessing} after committed progress`;
    });
    clean(row);
  });

  it('restart the Kafka broker', async () => {
    const before = [h.pipeline!, h.sink!].map((p) => p.restarts());
    const row = await h.fault('kafka-restart', async () => {
      const w = await h.guard.outage('kafka', 5_000);
      return `broker down ${((w.upAt - w.downAt) / 1000).toFixed(0)} s incl. restart`;
    });
    // Counted after the fault drained: a transaction the broker expired while it was down is
    // refused only once the broker is back, and then the worker exits 70 and is restarted.
    const restarted = [h.pipeline!, h.sink!].map((p, i) => p.restarts() - before[i]!);
    row.note += restarted.every((n) => n === 0) ? '; workers kept running' : `; restarted by their supervisor after exit 70 (a transaction open across the outage had expired): pipeline ${restarted[0]}×, sink ${restarted[1]}×`;
    clean(row);
  });

  it(`stop Postgres ${secs(30)} s`, async () => {
    const row = await h.fault(`postgres-${secs(30)}s`, async () => {
      const w = await h.guard.outage('postgres', secs(30) * 1000);
      return `down ${((w.restartAt - w.downAt) / 1000).toFixed(0)} s`;
    });
    clean(row);
  });

  it(`stop ClickHouse ${secs(60)} s`, async () => {
    const row = await h.fault(`clickhouse-${secs(60)}s`, async () => {
      const w = await h.guard.outage('clickhouse', secs(60) * 1000);
      return `down ${((w.restartAt - w.downAt) / 1000).toFixed(0)} s`;
    });
    clean(row);
  });

  it(`stop Redis ${secs(30)} s with the jobs worker running`, async () => {
    const row = await h.fault(`redis-${secs(30)}s`, async () => {
      await h.guard.outage('redis', secs(30) * 1000);
      await sleep(2_000);
      return `jobs worker ${h.jobs!.child.exitCode === null ? 'survived' : `exited ${h.jobs!.child.exitCode}`}`;
    });
    clean(row);
    expect(h.jobs!.child.exitCode).toBeNull();
  });

  it(`make the KMS endpoint refuse ${secs(30)} s (tenant without cached keys)`, async () => {
    const admin = h.ctx.kafka.admin();
    await admin.connect();
    const raw = [topicName(TOPICS.promptsRaw, h.env)];
    let stalled = '';
    const row = await h.fault(
      `kms-${secs(30)}s`,
      async ({ startLoad, load }) => {
        await h.kms.refuse();
        try {
          startLoad(); // a fresh tenant: its data/token keys must be created through KMS
          await sleep(5_000);
          const before = await committedTotal(admin, h.groupId, raw);
          await sleep(secs(30) * 1000 - 5_000);
          const after = await committedTotal(admin, h.groupId, raw);
          stalled = `${load.sent.size} sent during outage, committed input offsets ${after === before ? 'did not move' : `moved by ${after - before}`}`;
        } finally {
          await h.kms.accept();
        }
        return stalled;
      },
      { lateLoad: true },
    );
    await admin.disconnect();
    clean(row);
    expect(stalled).toMatch(/did not move/); // fail closed: nothing of the keyless tenant passed

  });
});
