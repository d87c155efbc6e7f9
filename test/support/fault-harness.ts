import { randomBytes, randomUUID } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { TOPICS } from '../../schemas/topics';
import { topicName, type Env } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { checkAnchorHistory } from './anchor-history';
import { KmsProxy } from './kms-proxy';
import { auditChain, caughtUp, readOutputs, sleep, tally, vaultAudit, waitFor } from './pipeline-audit';
import { PromptLoad } from './prompt-load';
import { ServiceGuard } from './stack-control';
import { isolatedEnv } from './test-env';
import { sigkill, type WorkerProc } from './worker-chaos';
import { startSupervisedWorker, startWorkerProcess, type SupervisedWorker } from './worker-process';

/** Load multiplier: prompts per 200 ms tick = 8 × FAULT_SCALE (40/s at the default 1). */
export const FAULT_SCALE = Number(process.env.FAULT_SCALE ?? 1);

export interface FaultRow {
  fault: string;
  messages: number;
  lost: number;
  duplicated: number;
  leaked: number;
  decisions: string;
  vault: string;
  chain: string;
  anchors: string;
  seconds: number;
  note: string;
}

export interface FaultRun {
  readonly tenantId: string;
  readonly load: PromptLoad;
  /** Starts the steady load (done before inject unless the fault asked for a late start). */
  startLoad(): void;
}

/**
 * The fault suite's shared stage: one isolated topic prefix, a pipeline (KEY_PROVIDER=aws through
 * a refusable KMS proxy, a moto key as every tenant's kms_key_arn), an audit sink and a jobs
 * worker as real processes; the pipeline and the sink under a supervisor that restarts them on
 * exit 70, as deployed. Each fault gets a fresh tenant and its own steady load, and is
 * counted on its own: lost, duplicated, leaked, decisions, vault, audit chain, and the chain's
 * signed tree heads (the jobs worker anchors every 5 s, through the fault) proven consistent.
 */
export class FaultHarness {
  readonly guard = new ServiceGuard();
  readonly rows: FaultRow[] = [];
  readonly suffix = randomBytes(3).toString('hex');
  kms!: KmsProxy;
  env!: Env;
  vars!: Record<string, string>;
  ctx!: AppContext;
  kmsKeyArn!: string;
  pipeline?: SupervisedWorker;
  sink?: SupervisedWorker;
  jobs?: WorkerProc;

  get pipelineVars(): Record<string, string> {
    return { ...this.vars, WORKER_INSTANCE_ID: `faults-${this.suffix}` };
  }

  get groupId(): string {
    return `${this.env.TOPIC_PREFIX}sentinel-pipeline`;
  }

  async setup(): Promise<void> {
    const base = isolatedEnv('faults').env;
    const target = new URL(base.KMS_ENDPOINT);
    this.kms = new KmsProxy({ host: target.hostname, port: Number(target.port) });
    await this.kms.accept();
    const kms = new KMSClient({ endpoint: base.KMS_ENDPOINT, region: base.KMS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    this.kmsKeyArn = (await kms.send(new CreateKeyCommand({ Description: 'sentinel fault suite' }))).KeyMetadata!.Arn!;
    kms.destroy();
    const iso = isolatedEnv('faults', { KAFKA_SESSION_TIMEOUT_MS: '6000', KEY_PROVIDER: 'aws', KMS_ENDPOINT: this.kms.url, KMS_DEFAULT_KEY_ID: this.kmsKeyArn });
    this.env = iso.env;
    this.vars = iso.vars;
    this.ctx = await createAppContext('faults', this.env);
    await bootstrap(this.ctx);
    this.pipeline = startSupervisedWorker('pipeline', this.pipelineVars);
    this.sink = startSupervisedWorker('audit-sink', { ...this.vars, WORKER_INSTANCE_ID: `faults-sink-${this.suffix}` });
    // Anchoring every 5 s puts signed tree heads inside each fault window, for the consistency check.
    this.jobs = startWorkerProcess('jobs', { ...this.vars, WORKER_INSTANCE_ID: `faults-jobs-${this.suffix}`, ANCHOR_EVERY_MS: '5000', JOBS_DISCOVER_EVERY_MS: '2000' });
  }

  async teardown(): Promise<void> {
    await this.guard.restore();
    await this.kms?.accept().catch(() => undefined);
    for (const p of [this.pipeline, this.sink, this.jobs]) if (p) await sigkill(p);
    await this.ctx?.close();
    await this.kms?.refuse();
  }

  /** One fault under a steady load for a fresh tenant; `inject` returns a note for the table. */
  async fault(name: string, inject: (run: FaultRun) => Promise<string | void>, opts: { lateLoad?: boolean } = {}): Promise<FaultRow> {
    const t0 = Date.now();
    const tenantId = randomUUID();
    await createTenant(this.ctx.pg.admin, { id: tenantId, name: `fault ${name}`, slug: `fault-${name}-${tenantId.slice(0, 8)}`, region: 'eu-west-1', kmsKeyArn: this.kmsKeyArn });
    const load = new PromptLoad(this.ctx, [tenantId], `${name}-${this.suffix}`, 97);
    let steady: { stop: () => Promise<void> } | undefined;
    const startLoad = () => void (steady ??= load.steady(Math.ceil(8 * FAULT_SCALE), 200));
    let note: string | void;
    try {
      if (!opts.lateLoad) {
        startLoad();
        await sleep(3_000);
      }
      note = await inject({ tenantId, load, startLoad });
      await sleep(3_000);
    } finally {
      await steady?.stop();
    }
    const raw = [topicName(TOPICS.promptsRaw, this.env)];
    await waitFor(() => caughtUp(this.ctx.kafka, this.groupId, raw), 180_000, 500);
    const out = await readOutputs(this.ctx, load.sent.size, 180_000, 2_000, tenantId);
    const t = tally(load.sent, out, load.uncertain);
    const vault = await vaultAudit(this.ctx, tenantId, out.sanitized.map((s) => s.text));
    const chain = await auditChain(this.ctx, tenantId, out.decisions.length, 180_000);
    const anchors = await checkAnchorHistory(this.ctx, tenantId, chain.rows);
    await load.close();
    const row: FaultRow = {
      fault: name,
      messages: t.messages,
      lost: t.lost,
      duplicated: t.duplicated,
      leaked: t.leaked,
      decisions: `${out.decisions.length} (missing ${t.decisionsMissing}, dup ${t.decisionsDuplicated})`,
      vault: `${vault.rows} rows, dup ${vault.duplicateKeys}, missing ${vault.missing}`,
      chain: `${chain.rows} rows ${chain.report.ok && chain.rows === out.decisions.length ? 'ok' : `BROKEN ${JSON.stringify(chain.report.firstBreak)}`}`,
      anchors: `${anchors.anchors} heads (${anchors.sizes.join('→')}) ${anchors.verdict}`,
      seconds: Math.round((Date.now() - t0) / 1000),
      note: [note || '', load.uncertain.size ? `${load.uncertain.size} sends unacknowledged` : ''].filter(Boolean).join('; '),
    };
    this.rows.push(row);
    return row;
  }

  table(): string {
    const cols = ['fault', 'messages', 'lost', 'duplicated', 'leaked', 'decisions', 'vault', 'chain', 'anchors', 'seconds', 'note'] as const;
    const lines = [cols.join(' | '), cols.map(() => '---').join(' | ')];
    for (const r of this.rows) lines.push(cols.map((c) => String(r[c])).join(' | '));
    return lines.join('\n');
  }
}
