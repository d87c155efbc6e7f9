/**
 * A detect pool thread: runs the pure detect stage for the jobs the pool sends. It holds no keys and
 * no connections; inputs and findings arrive and leave by structured clone.
 */
import { parentPort } from 'node:worker_threads';
import { PipelineRejection } from '../../pipelines/errors';
import { SignatureIndex } from '../../pipelines/detect/injection';
import { detectInputs } from '../../pipelines/stages/detect.stage';
import { asError } from '../errors';
import { SIGNATURE_SETS_PER_THREAD, type DetectFailure, type DetectOutcome, type DetectReply, type DetectRequest } from './detect-protocol';

const signatureSets = new Map<number, SignatureIndex>();

function signaturesFor(req: DetectRequest): SignatureIndex {
  if (req.signatures) {
    signatureSets.set(req.signatureSet, new SignatureIndex(req.dim, req.signatures));
    // Same eviction rule as the pool's mirror of this map (oldest first).
    while (signatureSets.size > SIGNATURE_SETS_PER_THREAD) signatureSets.delete(signatureSets.keys().next().value!);
  }
  const index = signatureSets.get(req.signatureSet);
  if (!index) throw new Error(`signature set ${req.signatureSet} was never sent to this thread`);
  return index;
}

function run(req: DetectRequest): DetectOutcome[] {
  const signatures = signaturesFor(req);
  return detectInputs(req.inputs, signatures).map((a) => (a.ok ? a : { ok: false, failure: failureOf(a.error) }));
}

function failureOf(err: unknown): DetectFailure {
  const e = asError(err);
  return { name: e.name, message: e.message, rejectionCode: err instanceof PipelineRejection ? err.code : undefined };
}

parentPort?.on('message', (req: DetectRequest) => {
  const reply: DetectReply = { id: req.id, outcomes: run(req) };
  parentPort!.postMessage(reply);
});
