import type { RawLog, RawPrompt } from '../../schemas/types';
import type { Decision } from '../policy/types';
import type { Detection } from './detect.stage';
import { mapStringLeaves, parseLogLine, type Json } from './json-leaves';
import { promptFieldSegments } from './prompt-fields';

/**
 * What travels between the stages (in memory when fused, on internal topics when split): the
 * decoded input and its text segments — a prompt's text plus one per pass-through field (ids,
 * metadata keys and values, see prompt-fields.ts), one per string leaf of a JSON log line — each
 * gaining its detection, then its decision.
 */
export type StageInput = { readonly kind: 'prompt'; readonly prompt: RawPrompt } | { readonly kind: 'log'; readonly log: RawLog };

export interface Segment {
  /** '$' for a prompt's text or an unstructured log line; a JSON path for a structured log leaf; a field path (prompt-fields.ts). */
  readonly path: string;
  readonly text: string;
  readonly detection?: Detection;
  readonly decision?: Decision;
  readonly shadowDecision?: Decision;
}

export interface Envelope {
  readonly input: StageInput;
  readonly segments: readonly Segment[];
  /** When the first stage saw the message (epoch ms), for end-to-end latency. */
  readonly receivedAt: number;
}

export function tenantOf(input: StageInput): string {
  return input.kind === 'prompt' ? input.prompt.tenant_id : input.log.tenant_id;
}

export function requestOf(input: StageInput): string {
  return input.kind === 'prompt' ? input.prompt.request_id : input.log.request_id;
}

export function segmentsOf(input: StageInput): Segment[] {
  if (input.kind === 'prompt') return [{ path: '$', text: input.prompt.text }, ...promptFieldSegments(input.prompt)];
  const parsed = parseLogLine(input.log.line);
  if (!parsed.structured) return [{ path: '$', text: input.log.line }];
  const leaves: Segment[] = [];
  mapStringLeaves(parsed.value, (path, leaf) => {
    leaves.push({ path, text: leaf });
    return leaf;
  });
  return leaves;
}

/** Rebuilds a log line with each leaf replaced by `replace(path)` (structure and key order kept). */
export function rebuildLogLine(line: string, replace: (path: string, original: string) => string): string {
  const parsed = parseLogLine(line);
  if (!parsed.structured) return replace('$', line);
  return JSON.stringify(mapStringLeaves(parsed.value as Json, replace));
}
