import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Finds a folder of the repository (sql/, schemas/, ...) from compiled code in dist/ or from
 * sources run by jest: walk up from this file until the folder appears.
 */
export function findRepoDir(relative: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`${relative} not found above ${__dirname}`);
}

export function repoRoot(): string {
  return resolve(findRepoDir('package.json'), '..');
}
