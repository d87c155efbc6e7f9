/**
 * How the three stages (detect → decide → protect) are deployed. `fused` runs them in one
 * consumer group for latency; `split` gives each its own consumer group, connected by internal
 * topics, so the CPU-heavy detector scales out alone. The stage code is the same either way.
 */
export type StageName = 'detect' | 'decide' | 'protect';

/** Where a worker reads from and writes to, as keys of schemas/topics.ts TOPICS. */
export type StageInputTopics = 'raw' | 'detected' | 'decided';
export type StageOutputTopics = 'detected' | 'decided' | 'final';

export interface WorkerPlan {
  /** Worker name: `sentinel worker <name>` and the consumer group suffix. */
  readonly name: string;
  readonly stages: readonly StageName[];
  readonly input: StageInputTopics;
  readonly output: StageOutputTopics;
}

export const TOPOLOGIES = {
  fused: [{ name: 'pipeline', stages: ['detect', 'decide', 'protect'], input: 'raw', output: 'final' }],
  split: [
    { name: 'detect', stages: ['detect'], input: 'raw', output: 'detected' },
    { name: 'decide', stages: ['decide'], input: 'detected', output: 'decided' },
    { name: 'protect', stages: ['protect'], input: 'decided', output: 'final' },
  ],
} as const satisfies Record<string, readonly WorkerPlan[]>;

export type TopologyName = keyof typeof TOPOLOGIES;

export function workerPlan(name: string): WorkerPlan | undefined {
  for (const plans of Object.values(TOPOLOGIES)) {
    const found = (plans as readonly WorkerPlan[]).find((p) => p.name === name);
    if (found) return found;
  }
  return undefined;
}
