import { TOPICS } from '../../schemas/topics';
import type { BlockedPrompt, SanitizedLog, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../config/env';
import type { AppContext } from '../runtime/app-context';

export interface TenantOutputs {
  readonly sanitized: SanitizedPrompt[];
  readonly blocked: BlockedPrompt[];
  readonly logs: SanitizedLog[];
  readonly deadLetters: number;
}

/**
 * Reads the output topics (read_committed) until the expected outputs of the tenant arrived. Dead
 * letters carry no readable tenant, so those written since `sinceMs` are counted.
 */
export async function collectForTenant(
  ctx: AppContext,
  tenantId: string,
  expected: { prompts: number; logs: number; deadLetters: number },
  sinceMs: number,
  timeoutMs: number,
): Promise<TenantOutputs> {
  const t = (k: keyof typeof TOPICS) => topicName(TOPICS[k], ctx.env);
  const result = { sanitized: [] as SanitizedPrompt[], blocked: [] as BlockedPrompt[], logs: [] as SanitizedLog[], deadLetters: 0 };
  const consumer = ctx.kafka.consumer({ groupId: `demo-collect-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [t('promptsSanitized'), t('promptsBlocked'), t('logsSanitized'), t('dlq')], fromBeginning: true });
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => (finish = r));
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value || Number(message.timestamp) < sinceMs) return;
      if (topic === t('promptsSanitized')) {
        const v = await ctx.codecs.promptsSanitized.decode(message.value);
        if (v.tenant_id === tenantId) result.sanitized.push(v);
      } else if (topic === t('promptsBlocked')) {
        const v = await ctx.codecs.promptsBlocked.decode(message.value);
        if (v.tenant_id === tenantId) result.blocked.push(v);
      } else if (topic === t('logsSanitized')) {
        const v = await ctx.codecs.logsSanitized.decode(message.value);
        if (v.tenant_id === tenantId) result.logs.push(v);
      } else {
        result.deadLetters++;
      }
      const prompts = result.sanitized.length + result.blocked.length;
      if (prompts >= expected.prompts && result.logs.length >= expected.logs && result.deadLetters >= expected.deadLetters) finish();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  await consumer.disconnect();
  return result;
}
