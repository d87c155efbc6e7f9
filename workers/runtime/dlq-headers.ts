import type { IHeaders } from 'kafkajs';
import { DEFAULT_MIN_SCORE, detectSensitive } from '../../pipelines/detect/engine';

/**
 * A dead letter keeps its original message's headers (trace ids, content types, replay markers)
 * so `sentinel dlq replay` can restore them, under `original-header.<name>` beside the DLQ's own
 * routing headers. Header values are producer metadata, but the DLQ topic must hold no plaintext,
 * so they are carried conservatively: a header is dropped (and counted in
 * `original-headers-dropped`) when its name or value trips the detector, when its value is not
 * UTF-8, or when it exceeds the size limits below. Multi-valued headers keep their first value.
 */
export const ORIGINAL_HEADER_PREFIX = 'original-header.';
export const DROPPED_HEADERS = 'original-headers-dropped';

export const HEADER_LIMITS = {
  /** Headers carried per message; the rest are dropped. */
  count: 32,
  nameChars: 128,
  valueBytes: 1024,
  /** Names and values together, so a dead letter cannot grow past the broker's limits. */
  totalBytes: 8192,
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function textOf(v: Buffer | string): string | null {
  if (typeof v === 'string') return v;
  try {
    return utf8.decode(v);
  } catch {
    return null;
  }
}

/** True when the detector finds anything in `s` (any entity, at the engine's default floor). */
function sensitive(s: string): boolean {
  return detectSensitive(s, { minScore: DEFAULT_MIN_SCORE }).length > 0;
}

export interface CarriedHeaders {
  readonly headers: Record<string, string>;
  readonly dropped: number;
}

/** The original headers to carry on a dead letter, prefixed, and how many were left out. */
export function carryHeaders(original: IHeaders | undefined): CarriedHeaders {
  const headers: Record<string, string> = {};
  let dropped = 0;
  let carried = 0;
  let bytes = 0;
  for (const [name, raw] of Object.entries(original ?? {})) {
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    dropped += Math.max(0, values.length - 1);
    const value = values.length > 0 ? textOf(values[0]!) : null;
    const size = Buffer.byteLength(name) + (value === null ? 0 : Buffer.byteLength(value));
    const fits = carried < HEADER_LIMITS.count && name.length <= HEADER_LIMITS.nameChars && bytes + size <= HEADER_LIMITS.totalBytes;
    if (value === null || !fits || Buffer.byteLength(value) > HEADER_LIMITS.valueBytes || sensitive(name) || sensitive(value)) {
      dropped++;
      continue;
    }
    headers[`${ORIGINAL_HEADER_PREFIX}${name}`] = value;
    carried++;
    bytes += size;
  }
  return { headers, dropped };
}

/** The original headers a dead letter carries (prefix removed), for replay. */
export function originalHeaders(dlqHeaders: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(dlqHeaders ?? {})) {
    if (!name.startsWith(ORIGINAL_HEADER_PREFIX) || raw === undefined) continue;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) out[name.slice(ORIGINAL_HEADER_PREFIX.length)] = first.toString();
  }
  return out;
}
