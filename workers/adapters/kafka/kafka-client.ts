import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { env, type Env } from '../../config/env';
import { logger } from '../../observability/logger';

/** kafkajs logs through our pino logger, at warn and above (its info level is chatty). */
function kafkaLogCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const fields = { kafka: extra.broker ?? extra.groupId ?? undefined };
    if (level <= logLevel.ERROR) logger.error(fields, `kafka: ${message}`);
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
