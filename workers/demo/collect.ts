import { TOPICS } from '../../schemas/topics';
import type { BlockedPrompt, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../config/env';
import type { AppContext } from '../runtime/app-context';

export interface TenantOutputs {
  readonly sanitized: SanitizedPrompt[];
  readonly blocked: BlockedPrompt[];
  readonly deadLetters: number;
}

/**
 * Reads the output topics (read_committed) until `expected` outputs of the tenant arrived. Dead
 * letters carry no readable tenant, so those written since `sinceMs` are counted.
 */
export async function collectForTenant(ctx: AppContext, tenantId: string, expected: number, sinceMs: number, timeoutMs: number): Promise<TenantOutputs> {
  const sanitizedTopic = topicName(TOPICS.promptsSanitized, ctx.env);
  const blockedTopic = topicName(TOPICS.promptsBlocked, ctx.env);
  const dlqTopic = topicName(TOPICS.dlq, ctx.env);
  const result: TenantOutputs = { sanitized: [], blocked: [], deadLetters: 0 };
  let dead = 0;
  const consumer = ctx.kafka.consumer({ groupId: `demo-collect-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [sanitizedTopic, blockedTopic, dlqTopic], fromBeginning: true });
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => (finish = r));
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value || Number(message.timestamp) < sinceMs) return;
      if (topic === sanitizedTopic) {
        const v = await ctx.codecs.promptsSanitized.decode(message.value);
        if (v.tenant_id === tenantId) result.sanitized.push(v);
      } else if (topic === blockedTopic) {
        const v = await ctx.codecs.promptsBlocked.decode(message.value);
        if (v.tenant_id === tenantId) result.blocked.push(v);
      } else if (topic === dlqTopic) {
        dead++;
      }
      if (result.sanitized.length + result.blocked.length >= expected) finish();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  await consumer.disconnect();
  return { ...result, deadLetters: dead };
}
