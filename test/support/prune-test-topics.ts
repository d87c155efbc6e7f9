/**
 * Deletes the topics earlier test and bench runs left on the local broker. Every test file gets its
 * own topics (test-env.ts: prefix `t<ms since epoch, base 36><4 hex>.<label>.`), and nothing
 * deletes them; after some dozen suites on one stack the broker holds >10,000 partitions, runs out
 * of its 512 MB heap and stops answering, and earlier bench figures were taken on such a broker.
 * `npm test` and `npm run bench` run this after the stack is up. Only topics whose prefix says they
 * are older than PRUNE_TOPICS_OLDER_THAN_MS (default 1 h) go, so a run in progress keeps its own.
 */
import { loadEnv } from '../../workers/config/env';
import { createKafka } from '../../workers/adapters/kafka/kafka-client';

// isolatedEnv()'s prefix, then a label, then one of our topic names.
const TEST_TOPIC = /^t([0-9a-z]{8,9})[0-9a-f]{4}\.[A-Za-z0-9_-]+\.sentinel\./;
/** 2017-07-14: a prefix "time" before this is not one isolatedEnv() made. */
const EARLIEST = 1_500_000_000_000;

/** The topics created by isolatedEnv() before `cutoff` (epoch ms). */
export function staleTestTopics(topics: readonly string[], cutoff: number): string[] {
  return topics.filter((t) => {
    const m = TEST_TOPIC.exec(t);
    if (!m) return false;
    const createdAt = parseInt(m[1]!, 36);
    return createdAt >= EARLIEST && createdAt < cutoff;
  });
}

async function main(): Promise<void> {
  const olderThan = Number(process.env.PRUNE_TOPICS_OLDER_THAN_MS ?? 3_600_000);
  const admin = createKafka('prune-test-topics', loadEnv()).admin();
  await admin.connect();
  try {
    const stale = staleTestTopics(await admin.listTopics(), Date.now() - olderThan);
    for (let i = 0; i < stale.length; i += 200) await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 60_000 });
    console.log(`prune-test-topics: deleted ${stale.length} topics of earlier test runs`);
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // A leftover topic never fails a run: report and go on.
    console.error(`prune-test-topics: skipped (${err instanceof Error ? err.message : String(err)})`);
  });
}
