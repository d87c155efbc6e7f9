/**
 * Why a message left the pipeline for the dead-letter topic. Pure stages throw PipelineRejection;
 * workers turn it into a DLQ record with these codes as the `reason-code` header.
 */
export const REJECTION_CODES = [
  'decode_failed', // not Avro with a known schema id, not JSON either
  'schema_violation', // decodes, but does not fit the topic's schema
  'oversized', // larger than MAX_MESSAGE_BYTES
  'invalid_utf8', // text fields are not valid UTF-8
  'unknown_tenant', // tenant_id names no tenant
  'tenant_inactive', // tenant suspended or deleted
  'invalid_policy', // the tenant's active policy fails validation
  'stage_failed', // a stage kept failing after N retries
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export class PipelineRejection extends Error {
  readonly retriable = false;
  constructor(
    readonly code: RejectionCode,
    /** Must never contain payload text: it is logged and written to the DLQ. */
    message: string,
  ) {
    super(message);
    this.name = 'PipelineRejection';
  }
}
