import { createRequire } from 'node:module';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { env, type Env } from '../../config/env';
import { logger } from '../../observability/logger';

interface ProtocolErrorCode {
  readonly type: string;
  readonly retriable: boolean;
  readonly message: string;
}

/**
 * Broker errors the client retries, by the message kafkajs logs for them. kafkajs logs
 * every error response at ERROR, also the transient ones it then retries (a fresh broker answers
 * a new transactional id with "the coordinator is loading" for its first seconds), which read as
 * failures. The table is kafkajs' own (its version is pinned), so it says what kafkajs retries.
 * When the retries run out, the operation fails and its caller reports the failure.
 */
const RETRIABLE_PROTOCOL_ERRORS: ReadonlyMap<string, string> = (() => {
  try {
    const table = (createRequire(__filename)('kafkajs/src/protocol/error') as { errorCodes?: readonly ProtocolErrorCode[] }).errorCodes ?? [];
    return new Map(table.filter((e) => e.retriable).map((e) => [e.message, e.type]));
  } catch {
    return new Map<string, string>(); // another layout: every error response stays an error
  }
})();

/** The producer's line before it retries a send, followed by the error's message. */
const SEND_RETRY = 'Failed to send messages: ';

/**
 * kafkajs logs through our pino logger, at warn and above (its info level is chatty). An error
 * response carries the broker's error (a fixed protocol message, never message content); a
 * retriable one, in a response or in the producer's retry of a send, is a warning.
 */
function kafkaLogCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const fields = { kafka: extra.broker ?? extra.groupId ?? undefined };
    const responseError = message.startsWith('Response ') && typeof extra.error === 'string' ? extra.error : undefined;
    const protocolError = responseError ?? (message.startsWith(SEND_RETRY) ? message.slice(SEND_RETRY.length) : undefined);
    const retriable = protocolError === undefined ? undefined : RETRIABLE_PROTOCOL_ERRORS.get(protocolError);
    if (retriable !== undefined) logger.warn({ ...fields, error: retriable, retriable: true }, `kafka: ${message}`);
    else if (level <= logLevel.ERROR) logger.error(responseError === undefined ? fields : { ...fields, error: responseError }, `kafka: ${message}`);
    else if (level === logLevel.WARN) logger.warn(fields, `kafka: ${message}`);
  };
}

// Every producer of ours names its partitioner explicitly; the v2 migration notice is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

export function createKafka(clientId: string, e: Env = env()): Kafka {
  return new Kafka({
    clientId: `${e.KAFKA_CLIENT_ID}-${clientId}`,
    brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * Consumer-group timing of a long-running worker: a SIGKILLed member holds its partitions until its
 * session times out, so every worker group takes KAFKA_SESSION_TIMEOUT_MS (kafkajs' own default is
 * 30 s), heartbeating six times per session as the Java client does by default (a third would do).
 */
export function groupTimeouts(sessionTimeoutMs: number): { sessionTimeout: number; heartbeatInterval: number } {
  return { sessionTimeout: sessionTimeoutMs, heartbeatInterval: Math.floor(sessionTimeoutMs / 6) };
}
