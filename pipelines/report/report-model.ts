/**
 * What a tenant report shows, as plain data: the loader (workers/report) fills it from ClickHouse
 * and Postgres, the renderer (report-html.ts) turns it into one HTML string. Keeping the boundary
 * as data lets the renderer be tested without any service.
 */
export interface DecisionBucket {
  /** Bucket start, epoch ms (UTC day or hour). */
  readonly start: number;
  /** Count per decision (allow, encrypt, reframe, block). */
  readonly counts: Readonly<Record<string, number>>;
}

export interface InjectionBucket {
  readonly start: number;
  readonly prompts: number;
  readonly injections: number;
}

export interface NamedCount {
  readonly name: string;
  readonly count: number;
}

export interface ChainStatus {
  readonly ok: boolean;
  readonly verified: number;
  /** Set when the chain does not verify: where and why (no event content). */
  readonly firstBreak: { readonly seq: number; readonly reason: string } | null;
}

export interface AnchorStatus {
  /** False when the anchoring tables do not exist in this deployment yet. */
  readonly available: boolean;
  readonly latest: { readonly treeSize: number; readonly rootHashHex: string; readonly anchoredAtMs: number } | null;
}

export interface ReportData {
  readonly tenantId: string;
  readonly tenantName: string | null;
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedAtMs: number;
  readonly bucket: 'hour' | 'day';
  readonly decisions: readonly DecisionBucket[];
  readonly topEntities: readonly NamedCount[];
  readonly injections: readonly InjectionBucket[];
  readonly detokenizationsByReason: readonly NamedCount[];
  readonly chain: ChainStatus;
  readonly anchor: AnchorStatus;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `7d`, `24h`, `90m`, `2w`, or an ISO date: the report's start, epoch ms. */
export function parseSince(since: string, nowMs: number): number {
  const rel = /^(\d{1,5})([mhdw])$/.exec(since.trim());
  if (rel) return nowMs - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const abs = Date.parse(since);
  if (Number.isNaN(abs) || abs > nowMs) throw new Error(`--since: expected e.g. 7d, 24h, 90m or a past ISO date, got "${since.slice(0, 40)}"`);
  return abs;
}

/** Hourly buckets up to two days (a day chart of one bar says nothing), daily beyond. */
export function bucketFor(fromMs: number, toMs: number): 'hour' | 'day' {
  return toMs - fromMs <= 2 * UNIT_MS.d! ? 'hour' : 'day';
}

/** Every bucket start from `fromMs` to `toMs` (UTC-aligned), so empty periods show as gaps, not skips. */
export function bucketStarts(fromMs: number, toMs: number, bucket: 'hour' | 'day'): number[] {
  const step = bucket === 'hour' ? UNIT_MS.h! : UNIT_MS.d!;
  const out: number[] = [];
  for (let t = Math.floor(fromMs / step) * step; t <= toMs; t += step) out.push(t);
  return out;
}
