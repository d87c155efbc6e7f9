import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointMismatch, loadCheckpoint, openCheckpoint, saveCheckpoint, type Checkpoint } from '../../../workers/ops/checkpoint';
import { tempDir } from '../../support/temp-dir';

function fresh(path = '/data/a.jsonl'): Checkpoint {
  return { version: 1, runId: 'bf-1', source: { kind: 'file', path, bytes: 10 }, target: 'auto', position: { lines: 0 }, counts: { sent: 0, invalid: 0, skipped: 0 }, invalidLines: [], done: false, updatedAt: '' };
}

describe('backfill checkpoint', () => {
  const dir = tempDir('checkpoint-');

  it('round-trips through an atomic write and leaves no temporary file', () => {
    const path = join(dir, 'rt.json');
    const cp = fresh();
    cp.position = { lines: 42 };
    cp.counts = { sent: 40, invalid: 2, skipped: 0 };
    cp.invalidLines = [3, 17];
    saveCheckpoint(path, cp);
    expect(loadCheckpoint(path)).toEqual({ ...cp, updatedAt: expect.any(String) });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    cp.position = { lines: 50 };
    saveCheckpoint(path, cp);
    expect((JSON.parse(readFileSync(path, 'utf8')) as Checkpoint).position).toEqual({ lines: 50 });
  });

  it('opens the stored checkpoint for the same source, a fresh one when there is none', () => {
    const path = join(dir, 'same.json');
    expect(openCheckpoint(path, fresh())).toEqual(fresh());
    expect(openCheckpoint(undefined, fresh())).toEqual(fresh());
    const stored = { ...fresh(), runId: 'bf-stored', position: { lines: 7 } };
    saveCheckpoint(path, stored);
    const opened = openCheckpoint(path, fresh());
    expect(opened.runId).toBe('bf-stored');
    expect(opened.position).toEqual({ lines: 7 });
  });

  it('refuses a checkpoint of another source, and a file that is not a checkpoint', () => {
    const path = join(dir, 'other.json');
    saveCheckpoint(path, fresh('/data/other.jsonl'));
    expect(() => openCheckpoint(path, fresh())).toThrow(CheckpointMismatch);
    const topicCp: Checkpoint = { ...fresh(), source: { kind: 'topic', topic: 'x', sinceMs: 0, untilMs: null }, position: { offsets: { '0': '5' }, ends: { '0': '9' } } };
    saveCheckpoint(path, topicCp);
    expect(() => openCheckpoint(path, fresh())).toThrow(CheckpointMismatch);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, JSON.stringify({ hello: 'world' }));
    expect(() => loadCheckpoint(junk)).toThrow(CheckpointMismatch);
  });
});
