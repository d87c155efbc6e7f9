import type { Signature } from '../../pipelines/detect/injection';
import type { Detection } from '../../pipelines/stages/detect.stage';
import type { StageInput } from '../../pipelines/stages/envelope';

/**
 * Messages between the detect pool (detect-pool.ts) and its threads (detect-thread.ts). Both sides
 * keep the last SIGNATURE_SETS_PER_THREAD signature sets in insertion order, so the pool knows which
 * sets a thread holds without asking: a set (~300 KB for 100 signatures) crosses once per thread.
 */
export const SIGNATURE_SETS_PER_THREAD = 32;

export interface DetectJob {
  readonly input: StageInput;
  readonly receivedAt: number;
}

export interface DetectRequest {
  readonly id: number;
  /** Which signature set the jobs are scored against (a generation number given by the pool). */
  readonly signatureSet: number;
  /** The set's signatures, sent the first time this thread sees the set. */
  readonly signatures?: readonly Signature[];
  readonly dim: number;
  readonly inputs: readonly StageInput[];
}

/** A job's failure, reduced to what survives a thread boundary (class name, rejection code, message). */
export interface DetectFailure {
  readonly name: string;
  readonly message: string;
  readonly rejectionCode?: string;
}

/** A job's detections, one per segment of its input (detectInputs); the pool rebuilds the envelope. */
export type DetectOutcome = { readonly ok: true; readonly detections: readonly Detection[] } | { readonly ok: false; readonly failure: DetectFailure };

export interface DetectReply {
  readonly id: number;
  readonly outcomes: readonly DetectOutcome[];
}
