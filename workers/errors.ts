/**
 * The error tree (after kafkajs): adapters decide whether a failure is retriable. Retriable errors
 * make the message wait and retry with backoff (fail closed); non-retriable ones send it to the DLQ.
 */
export class SentinelError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A dependency (Postgres, KMS, ClickHouse, registry) is unavailable: wait and retry. */
export class DependencyUnavailableError extends SentinelError {
  constructor(dependency: string, cause?: unknown) {
    super(`${dependency} unavailable${cause instanceof Error ? `: ${cause.message}` : ''}`, true, 'dependency_unavailable');
  }
}

export { PipelineRejection } from '../pipelines/errors';

export function isRetriable(err: unknown): boolean {
  if (err instanceof SentinelError) return err.retriable;
  // Network-level failures of any client are transient by nature.
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001'].includes(code);
}

/** A thrown value as an Error (anything can be thrown; handlers and DLQ records want an Error). */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
