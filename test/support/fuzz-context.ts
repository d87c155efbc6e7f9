import { TOPICS, subjectFor, type TopicKey } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import type { AppContext } from '../../workers/runtime/app-context';
import type { Framing } from './fuzz-inputs';

/** Registered schema ids of this (isolated) run: our writer ids and other subjects' ids, plus unknown ones. */
export async function framingOf(ctx: AppContext): Promise<Framing> {
  const idOf = async (key: TopicKey) => (await ctx.registry.getLatestSchemaMetadata(subjectFor(topicName(TOPICS[key], ctx.env)))).id!;
  const foreign = await Promise.all((['decisions', 'dlq', 'promptsSanitized', 'promptsBlocked', 'logsSanitized'] as const).map(idOf));
  return {
    writerIds: { promptsRaw: await idOf('promptsRaw'), logsRaw: await idOf('logsRaw') },
    foreignIds: [...new Set(foreign), 0, 987_654_321, 0x7fffffff, 0xffffffff],
  };
}

/** Runs `fn`, failing (instead of hanging the suite) if it takes longer than `ms`. */
export async function withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([fn(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits (politely, up to `timeoutMs`) until Postgres (both roles), the registry and ClickHouse
 * answer: other suites stop and restart stack services for fault tests.
 */
export async function waitForStack(ctx: AppContext, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await ctx.pg.admin.query('SELECT 1');
      await ctx.pg.app.query('SELECT 1');
      await ctx.registry.getAllSubjects();
      if (!(await ctx.ch.ping()).success) throw new Error('clickhouse ping failed');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`stack not available after ${timeoutMs} ms: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}
