import { PipelineRejection } from '../../pipelines/errors';
import { requestOf, tenantOf, type Envelope } from '../../pipelines/stages/envelope';
import type { StageEnvelope } from '../../schemas/types';

/** Envelope ⇄ its Avro record on the internal topics (the structured part travels as JSON). */
export function toEnvelope(env: Envelope): StageEnvelope {
  return { tenant_id: tenantOf(env.input), request_id: requestOf(env.input), kind: env.input.kind, received_at: env.receivedAt, body: JSON.stringify(env) };
}

export function fromEnvelope(record: StageEnvelope): Envelope {
  try {
    const env = JSON.parse(record.body) as Envelope;
    if (!env || typeof env !== 'object' || !Array.isArray(env.segments) || env.input?.kind !== record.kind) throw new Error('shape');
    return env;
  } catch {
    throw new PipelineRejection('schema_violation', 'stage envelope body is not a valid envelope');
  }
}
