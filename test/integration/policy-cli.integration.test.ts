import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnv } from '../../workers/config/env';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createPools, type PgPools } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { listPolicies } from '../../workers/policy/policy.repo';
import { rulesetV } from '../support/policy-fixtures';
import { tempDir } from '../support/temp-dir';

const ROOT = join(__dirname, '..', '..');

/** `sentinel policy …` from the built CLI (run `npm run build` first), as an operator uses it. */
function sentinel(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'sentinel.js'), 'policy', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sentinel policy CLI (built, real Postgres)', () => {
  let pg: PgPools;
  const dir = tempDir('policy-cli-');
  const file = (name: string, value: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(value));
    return p;
  };
  const bad = file('bad.json', { schemaVersion: 1, defaultAction: 'explode', classes: [{ dataClass: 'pii', action: 'encrypt', minScore: 7 }], bogus: true });
  const v1 = file('v1.json', rulesetV('encrypt'));
  const v2 = file('v2.json', rulesetV('block'));

  beforeAll(async () => {
    pg = createPools(loadEnv());
    await migratePostgres(pg.admin);
  });
  afterAll(() => pg.end());

  it('validate and diff need no service; validate prints every error path and exits 1', () => {
    const ok = sentinel('validate', v1);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/valid \(sha256:[0-9a-f]{64}\)/);
    const r = sentinel('validate', bad);
    expect(r.code).toBe(1);
    for (const path of ['/bogus', '/defaultAction', '/classes/0/minScore']) expect(r.stderr).toContain(`error at ${path}:`);
    const json = JSON.parse(sentinel('validate', bad, '--json').stdout) as { ok: boolean; errors: unknown[] };
    expect(json.ok).toBe(false);
    expect(json.errors).toHaveLength(3);
    const d = sentinel('diff', v1, v2);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('~ /classes/class:pii/action: "encrypt" -> "block"');
  });

  it('publish refuses an invalid file (exit 1, nothing stored); publish --activate, list, pin, unpin work', async () => {
    const t = (await createTenant(pg.admin, { name: 'CLI', slug: `cli-${randomUUID().slice(0, 12)}`, region: 'eu' })).id;
    const refused = sentinel('publish', '--tenant', t, '--file', bad, '--version', '1.0.0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error at /defaultAction:');
    expect(refused.stderr).toMatch(/nothing was stored/);
    expect(await listPolicies(pg.admin, t)).toEqual([]);

    expect(sentinel('publish', '--tenant', t, '--file', v1, '--version', '1.0.0', '--activate').code).toBe(0);
    expect(sentinel('publish', '--tenant', t, '--file', v2, '--version', '1.1.0').code).toBe(0);
    const act = sentinel('activate', '--tenant', t, '--version', '1.1.0');
    expect(act.stdout).toContain('active: default 1.1.0');
    expect(act.stdout).toContain('deprecated: default 1.0.0');
    expect(sentinel('pin', '--tenant', t, '--version', '1.0.0').code).toBe(0);
    let list = JSON.parse(sentinel('list', '--tenant', t, '--json').stdout) as { applies: { version: string }; versions: { status: string }[] };
    expect(list.applies.version).toBe('1.0.0');
    expect(list.versions.map((v) => v.status)).toEqual(['active', 'deprecated']);
    expect(sentinel('unpin', '--tenant', t).code).toBe(0);
    list = JSON.parse(sentinel('list', '--tenant', t, '--json').stdout) as typeof list;
    expect(list.applies.version).toBe('1.1.0');
    const stored = sentinel('diff', '--tenant', t, '1.0.0', '1.1.0');
    expect(stored.stdout).toContain('/classes/class:pii/action');
    const wrong = sentinel('activate', '--tenant', t, '--version', '9.9.9');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });
});
