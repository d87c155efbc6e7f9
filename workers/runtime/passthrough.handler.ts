import type { BatchHandler, InputMessage, OutputRecord } from './messages';

/**
 * A no-op stage: copies each input value to one output topic. It exists to measure what the
 * consume → produce → commit transaction loop costs on this broker, as the baseline the real
 * pipeline's throughput is compared with (`npm run bench`).
 */
export class PassthroughHandler implements BatchHandler {
  readonly name = 'passthrough';

  constructor(private readonly outputTopic: string) {}

  async handle(messages: readonly InputMessage[]): Promise<OutputRecord[]> {
    return messages.filter((m) => m.value).map((m) => ({ topic: this.outputTopic, key: m.key, value: m.value! }));
  }
}
