import { randomBytes } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import { topicName, type Env } from '../config/env';
import type { Codecs } from '../runtime/app-context';
import { ProgressBar } from '../cli/progress';
import { saveCheckpoint, type Checkpoint } from './checkpoint';
import { opsProducer, sendGrouped, withDeadline } from './ops-producer';
import { TokenBucket } from './rate-limiter';

export const BACKFILL_HEADER = 'sentinel-backfill';

/** One record to re-produce into a raw input topic. */
export interface BackfillRecord {
  readonly kind: 'prompt' | 'log';
  readonly key: Buffer | string | null;
  readonly value: Buffer;
  readonly headers?: Readonly<Record<string, Buffer | string>>;
}

export interface BackfillDeps {
  readonly env: Env;
  readonly kafka: Kafka;
  readonly codecs: Pick<Codecs, 'promptsRaw' | 'logsRaw'>;
}

export interface BackfillSettings {
  readonly checkpointPath?: string;
  /** Records per second; undefined = unlimited. */
  readonly ratePerSec?: number;
  readonly batchSize: number;
}

export interface BackfillSummary {
  readonly runId: string;
  readonly sent: number;
  readonly invalid: number;
  readonly invalidLines: readonly number[];
  readonly skipped: number;
  /** The source was read to its end (false after a stop signal: resume with the same --checkpoint). */
  readonly complete: boolean;
  readonly stoppedBy: string | null;
  readonly checkpoint: string | null;
}

export function newRunId(): string {
  return `bf-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

/**
 * SIGINT/SIGTERM as a flag, installed as soon as the command starts (a signal during start-up
 * stops the run before it sends anything). A second signal exits at once.
 */
export class StopSignal {
  reason: string | null = null;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.reason) {
      process.stderr.write(`backfill: ${signal} again: exiting now (the last batch may be sent again on resume)\n`);
      process.exit(130);
    }
    process.stderr.write(`backfill: ${signal}: finishing the batch in flight, then saving the checkpoint\n`);
    this.reason = signal;
  };

  install(): this {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    return this;
  }

  uninstall(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/**
 * What every backfill source shares: an idempotent producer (acks=all), the token bucket, the
 * progress bar, the stop flag, and the checkpoint saved after each acked
 * batch. A signal never interrupts a batch: the batch in flight is finished and checkpointed, the
 * source loop sees `stopping` and returns, and the command exits 0.
 */
export class BackfillRun {
  readonly bar: ProgressBar;
  private readonly producer: Producer;
  private readonly limiter: TokenBucket | undefined;
  private readonly topics: Record<BackfillRecord['kind'], string>;
  constructor(
    readonly deps: BackfillDeps,
    readonly settings: BackfillSettings,
    readonly cp: Checkpoint,
    private readonly signal: StopSignal,
    progressTotal: number,
    progressUnit: string,
  ) {
    this.producer = opsProducer(deps.kafka);
    this.limiter = settings.ratePerSec ? new TokenBucket(settings.ratePerSec) : undefined;
    this.topics = { prompt: topicName(TOPICS.promptsRaw, deps.env), log: topicName(TOPICS.logsRaw, deps.env) };
    this.bar = new ProgressBar(`backfill ${cp.runId}`, progressTotal, process.stderr, progressUnit);
  }

  get stopping(): boolean {
    return this.signal.reason !== null;
  }

  /** Records per send: at most one second's worth when rate-limited, so the bar and the rate stay smooth. */
  get batchSize(): number {
    return Math.max(1, Math.min(this.settings.batchSize, this.settings.ratePerSec ? Math.ceil(this.settings.ratePerSec) : Infinity));
  }

  /** Saves the checkpoint before anything is sent: the run id (and the request ids derived from it) survive any crash. */
  async start(): Promise<void> {
    this.save();
    await withDeadline(this.producer.connect(), 'connect');
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  /** Waits for the rate limit, sends one batch (acks=all), then lets the caller move its position. */
  async send(records: readonly BackfillRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.limiter?.take(records.length);
    const messages = records.map((r) => ({ topic: this.topics[r.kind], message: { key: r.key, value: r.value, headers: { ...r.headers, [BACKFILL_HEADER]: this.cp.runId } } }));
    await sendGrouped(this.producer, messages, 'backfill');
    this.cp.counts.sent += records.length;
  }

  /** Called after each acked batch with the position already advanced. */
  save(): void {
    if (this.settings.checkpointPath) saveCheckpoint(this.settings.checkpointPath, this.cp);
  }

  summary(complete: boolean): BackfillSummary {
    return {
      runId: this.cp.runId,
      sent: this.cp.counts.sent,
      invalid: this.cp.counts.invalid,
      invalidLines: this.cp.invalidLines,
      skipped: this.cp.counts.skipped,
      complete,
      stoppedBy: this.signal.reason,
      checkpoint: this.settings.checkpointPath ?? null,
    };
  }
}
