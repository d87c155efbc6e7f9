import { existsSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';

/** Where a backfill reads from. A checkpoint only resumes the same source. */
export type BackfillSource =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: number }
  | { readonly kind: 'topic'; readonly topic: string; readonly sinceMs: number; readonly untilMs: number | null };

/**
 * Files: `lines` fully handled (resume reads from line `lines + 1`). Topics: the next offset to
 * send per partition, and the end offsets fixed when the run started (a resumed run must not
 * chase records produced since, e.g. its own output when the source is a raw topic).
 */
export type BackfillPosition = { readonly lines: number } | { readonly offsets: Record<string, string>; readonly ends: Readonly<Record<string, string>> };

export interface BackfillCounts {
  /** Records produced (valid and invalid). */
  sent: number;
  /** Lines that failed validation (produced as-is, so the pipeline dead-letters them with a reason). */
  invalid: number;
  /** Blank lines, or topic records outside the --until window. */
  skipped: number;
}

export interface Checkpoint {
  readonly version: 1;
  readonly runId: string;
  readonly source: BackfillSource;
  readonly target: 'prompt' | 'log' | 'auto';
  position: BackfillPosition;
  counts: BackfillCounts;
  /** Line numbers of invalid lines (the first 1,000), for the report. */
  invalidLines: number[];
  done: boolean;
  updatedAt: string;
}

export class CheckpointMismatch extends Error {}

/** Same source? Paths compare as given (the CLI resolves them), topics by name and window. */
export function sameSource(a: BackfillSource, b: BackfillSource): boolean {
  if (a.kind === 'file' && b.kind === 'file') return a.path === b.path;
  if (a.kind === 'topic' && b.kind === 'topic') return a.topic === b.topic;
  return false;
}

/** Reads a checkpoint file; undefined when the file does not exist. Throws on a malformed file. */
export function loadCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Checkpoint>;
  if (parsed.version !== 1 || typeof parsed.runId !== 'string' || !parsed.source || !parsed.position || !parsed.counts) {
    throw new CheckpointMismatch(`${path} is not a backfill checkpoint (version 1)`);
  }
  return { invalidLines: [], done: false, updatedAt: '', ...parsed } as Checkpoint;
}

/**
 * Writes atomically: a temporary file next to the target, fsynced, then renamed over it, so a
 * crash (or SIGKILL) leaves either the previous checkpoint or the new one, never half a file.
 */
export function saveCheckpoint(path: string, cp: Checkpoint): void {
  cp.updatedAt = new Date().toISOString();
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cp, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** A fresh checkpoint, or the stored one when it is for the same source (else CheckpointMismatch). */
export function openCheckpoint(path: string | undefined, fresh: Checkpoint): Checkpoint {
  const stored = path ? loadCheckpoint(path) : undefined;
  if (!stored) return fresh;
  if (!sameSource(stored.source, fresh.source)) {
    throw new CheckpointMismatch(`checkpoint ${path} belongs to another source (${describeSource(stored.source)}); use a new --checkpoint file`);
  }
  return stored;
}

export function describeSource(s: BackfillSource): string {
  return s.kind === 'file' ? `file ${s.path}` : `topic ${s.topic} since ${new Date(s.sinceMs).toISOString()}${s.untilMs !== null ? ` until ${new Date(s.untilMs).toISOString()}` : ''}`;
}
