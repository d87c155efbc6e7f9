import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory under the OS temp dir, removed with everything in it once the enclosing describe
 * block (or the file) has run. Some of what tests write there is key material (a local master key)
 * or worker logs of canary runs: nothing of it should outlive the run. Registers an afterAll hook,
 * so call it where hooks may be declared (a describe body or the file's top level), not in a test.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
