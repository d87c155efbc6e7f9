import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PipelineRejection, REJECTION_CODES, type RejectionCode } from '../../pipelines/errors';
import type { SignatureIndex } from '../../pipelines/detect/injection';
import { envelopeWithDetections, type Detection } from '../../pipelines/stages/detect.stage';
import type { Envelope } from '../../pipelines/stages/envelope';
import { repoRoot } from '../config/repo-paths';
import { DependencyUnavailableError, asError } from '../errors';
import { metrics } from '../observability/metrics';
import { SIGNATURE_SETS_PER_THREAD, type DetectFailure, type DetectJob, type DetectReply, type DetectRequest } from './detect-protocol';

/** Jobs per request: enough to amortise a message round trip, few enough to spread a chunk over the threads. */
const MAX_JOBS_PER_REQUEST = 64;

export type DetectResult = { readonly ok: true; readonly envelope: Envelope } | { readonly ok: false; readonly error: Error };

interface Pending {
  readonly resolve: (reply: DetectReply) => void;
  readonly reject: (err: Error) => void;
}

/** One thread, the signature sets it holds (mirroring its eviction) and its requests in flight. */
class DetectThread {
  readonly pending = new Map<number, Pending>();
  readonly sets: number[] = [];
  readonly worker: Worker;

  constructor(entry: string, onExit: (t: DetectThread, err: Error) => void) {
    this.worker = new Worker(entry);
    this.worker.on('message', (reply: DetectReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    this.worker.on('error', (err) => onExit(this, err));
    this.worker.on('exit', (code) => onExit(this, new Error(`detect thread exited with code ${code}`)));
  }

  /** True when the set must be sent along; records it as held from now on. */
  needsSet(set: number): boolean {
    if (this.sets.includes(set)) return false;
    this.sets.push(set);
    if (this.sets.length > SIGNATURE_SETS_PER_THREAD) this.sets.shift();
    return true;
  }
}

/**
 * Runs the detect stage — most of a fused worker's CPU — on worker threads, so a worker process uses
 * more than one core while its main thread decodes, protects and talks to Kafka. Results come back
 * in job order. A thread that dies fails its requests with a retriable error (the chunk waits and is
 * retried: fail closed) and is replaced on the next request.
 */
export class DetectPool {
  private readonly threads: (DetectThread | null)[];
  private readonly setIds = new WeakMap<SignatureIndex, number>();
  private nextSet = 1;
  private nextRequest = 1;
  private closed = false;

  constructor(
    size: number,
    private readonly entry: string = threadEntry(),
  ) {
    if (size < 1) throw new Error('a detect pool needs at least one thread');
    // Started now, so the threads load the detectors while the worker joins its consumer group.
    this.threads = Array.from({ length: size }, () => this.spawn());
  }

  async detect(jobs: readonly DetectJob[], signatures: SignatureIndex): Promise<DetectResult[]> {
    if (this.closed) throw new DependencyUnavailableError('detect pool (closed)');
    const perRequest = Math.min(MAX_JOBS_PER_REQUEST, Math.ceil(jobs.length / this.threads.length));
    const requests: Promise<DetectReply>[] = [];
    for (let i = 0; i < jobs.length; i += perRequest) requests.push(this.send(jobs.slice(i, i + perRequest), signatures));
    const outcomes = (await Promise.all(requests)).flatMap((r) => r.outcomes);
    return outcomes.map((o, i) => (o.ok ? withEnvelope(jobs[i]!, o.detections) : { ok: false, error: toError(o.failure) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t?.worker.terminate()));
  }

  private send(jobs: readonly DetectJob[], signatures: SignatureIndex): Promise<DetectReply> {
    const thread = this.leastBusy();
    let set = this.setIds.get(signatures);
    if (set === undefined) this.setIds.set(signatures, (set = this.nextSet++));
    const req: DetectRequest = { id: this.nextRequest++, signatureSet: set, signatures: thread.needsSet(set) ? signatures.all() : undefined, dim: signatures.dim, inputs: jobs.map((j) => j.input) };
    metrics.detectRequestsInFlight.inc();
    return new Promise<DetectReply>((resolve, reject) => {
      thread.pending.set(req.id, { resolve, reject });
      thread.worker.postMessage(req);
    }).finally(() => metrics.detectRequestsInFlight.dec());
  }

  private leastBusy(): DetectThread {
    let best = -1;
    for (let i = 0; i < this.threads.length; i++) {
      const t = this.threads[i];
      if (!t) return (this.threads[i] = this.spawn());
      if (best < 0 || t.pending.size < this.threads[best]!.pending.size) best = i;
    }
    return this.threads[best]!;
  }

  private spawn(): DetectThread {
    return new DetectThread(this.entry, (dead, err) => this.onThreadExit(dead, err));
  }

  private onThreadExit(thread: DetectThread, err: Error): void {
    const i = this.threads.indexOf(thread);
    if (i < 0) return; // 'error' and then 'exit' of the same thread: handled once
    this.threads[i] = null;
    if (!this.closed) metrics.detectThreadExits.inc();
    for (const p of thread.pending.values()) p.reject(new DependencyUnavailableError('detect thread', err));
    thread.pending.clear();
    void thread.worker.terminate();
  }
}

/** A job's envelope from its detections; a failure to rebuild it stays with the job, like any stage failure. */
export function withEnvelope(job: DetectJob, detections: readonly Detection[]): DetectResult {
  try {
    return { ok: true, envelope: envelopeWithDetections(job.input, detections, job.receivedAt) };
  } catch (err) {
    return { ok: false, error: asError(err) };
  }
}

function toError(f: DetectFailure): Error {
  if (f.rejectionCode && (REJECTION_CODES as readonly string[]).includes(f.rejectionCode)) return new PipelineRejection(f.rejectionCode as RejectionCode, f.message);
  const err = new Error(f.message);
  err.name = f.name;
  return err;
}

/** The compiled thread script: threads run dist/ JavaScript, also when the pool is loaded from sources by jest. */
function threadEntry(): string {
  const here = join(__dirname, 'detect-thread.js');
  if (existsSync(here)) return here;
  return join(repoRoot(), 'dist', 'workers', 'runtime', 'detect-thread.js');
}
