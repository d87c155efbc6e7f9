import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { EventsStore } from '../../workers/audit/events.store';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { appendSynthetic } from '../support/audit-fixtures';
import { isolatedEnv } from '../support/test-env';
import { tempDir } from '../support/temp-dir';

const BIN = join(__dirname, '..', '..', 'bin', 'sentinel.js');

/** The proof CLI through the real built binary (run `npm run build` first). */
describe('sentinel audit anchor | prove | consistency | verify-*', () => {
  const { env, vars } = isolatedEnv('auditcli');
  let ctx: AppContext;
  const tenantId = randomUUID();
  let eventIds: string[] = [];
  const sthDir = tempDir('sth-');
  const cli = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { env: vars, input, encoding: 'utf8', timeout: 30_000 });
  // The offline commands must work with every service address pointing nowhere.
  const offline = (args: string[], input: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...vars, DATABASE_URL: 'postgres://x@127.0.0.1:1/x', APP_DATABASE_URL: 'postgres://x@127.0.0.1:1/x', CLICKHOUSE_URL: 'http://127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1' },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });

  beforeAll(async () => {
    ctx = await createAppContext('it-audit-cli', env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'CLI', slug: `cli-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    const store = new EventsStore(ctx.ch, env.CLICKHOUSE_DATABASE);
    const first = await appendSynthetic(store, tenantId, null, 21);
    const a0 = cli(['audit', 'anchor', '--tenant', tenantId]);
    expect(a0.stderr).toBe('');
    expect(a0.status).toBe(0);
    const second = await appendSynthetic(store, tenantId, first.head, 30);
    eventIds = [...first.rows, ...second.rows].map((r) => r.event_id);
  });
  afterAll(async () => ctx?.close());

  it('anchor prints a signed tree head; prove pipes into verify-inclusion (exit 0), a tampered proof exits 1', () => {
    const anchored = cli(['audit', 'anchor', '--tenant', tenantId]);
    expect(anchored.status).toBe(0);
    const sth = JSON.parse(anchored.stdout) as { treeSize: number; signature: string; publicKey: string };
    expect(sth.treeSize).toBe(51);

    const proved = cli(['audit', 'prove', '--tenant', tenantId, '--event', eventIds[13]!, '--with-sth']);
    expect(proved.status).toBe(0);
    const proof = JSON.parse(proved.stdout) as { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] };
    expect(Object.keys(proof)).toEqual(['leafIdx', 'treeSize', 'root', 'leafHash', 'proof']);
    expect(proof.leafIdx).toBe(13);
    expect(offline(['audit', 'verify-inclusion'], proved.stdout).status).toBe(0);

    const sthFile = join(sthDir, 'sth.json');
    writeFileSync(sthFile, proved.stderr.trim());
    expect(offline(['audit', 'verify-inclusion', '--sth', sthFile, '--public-key', sth.publicKey], proved.stdout).status).toBe(0);

    const flip = (b64: string) => {
      const b = Buffer.from(b64, 'base64');
      b[0]! ^= 1;
      return b.toString('base64');
    };
    const variants = [
      { ...proof, leafIdx: 12 },
      { ...proof, treeSize: 200 },
      { ...proof, leafHash: flip(proof.leafHash) },
      { ...proof, root: flip(proof.root) },
      { ...proof, proof: [flip(proof.proof[0]!), ...proof.proof.slice(1)] },
      { ...proof, proof: proof.proof.slice(1) },
    ];
    for (const v of variants) expect(offline(['audit', 'verify-inclusion'], JSON.stringify(v)).status).toBe(1);
    // RFC 9162 verification alone does not bind the size: leaf 13's path is the same in trees of 50
    // and 51 leaves. Only the signed tree head does, which is what --sth checks.
    expect(offline(['audit', 'verify-inclusion'], JSON.stringify({ ...proof, treeSize: 50 })).status).toBe(0);
    expect(offline(['audit', 'verify-inclusion', '--sth', sthFile], JSON.stringify({ ...proof, treeSize: 50 })).status).toBe(1);
    const otherSth = join(sthDir, 'other.json');
    writeFileSync(otherSth, JSON.stringify({ ...JSON.parse(proved.stderr), treeSize: 50 }));
    expect(offline(['audit', 'verify-inclusion', '--sth', otherSth], proved.stdout).status).toBe(1);
  });

  it('consistency pipes into verify-consistency; altered proofs exit 1', () => {
    const out = cli(['audit', 'consistency', '--tenant', tenantId, '--from', '21', '--to', '51']);
    expect(out.status).toBe(0);
    const c = JSON.parse(out.stdout) as { size1: number; size2: number; root1: string; root2: string; proof: string[] };
    expect(Object.keys(c)).toEqual(['size1', 'size2', 'root1', 'root2', 'proof']);
    expect(offline(['audit', 'verify-consistency'], out.stdout).status).toBe(0);
    expect(offline(['audit', 'verify-consistency'], JSON.stringify({ ...c, size1: 20 })).status).toBe(1);
    expect(offline(['audit', 'verify-consistency'], JSON.stringify({ ...c, root1: c.root2 })).status).toBe(1);
  });

  it('verifies the reference vector of issue 7 offline', () => {
    const ref = {
      leafIdx: 0,
      treeSize: 8,
      root: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=',
      leafHash: 'bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=',
      proof: ['lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=', 'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=', 'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ='],
    };
    expect(offline(['audit', 'verify-inclusion'], JSON.stringify(ref)).status).toBe(0);
    expect(offline(['audit', 'verify-inclusion'], JSON.stringify({ ...ref, leafIdx: 1 })).status).toBe(1);
    expect(offline(['audit', 'verify-inclusion'], 'not json').status).toBe(1);
  });
});
