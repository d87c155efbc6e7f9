import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { PipelineRejection, REJECTION_CODES } from '../../pipelines/errors';
import { createTenant, TenantDirectory } from '../../workers/adapters/postgres/tenants.repo';
import { localSchema } from '../../workers/adapters/registry/schema-files';
import { TenantKeyring } from '../../workers/keys/tenant-keyring';
import { PolicyStore } from '../../workers/policy/policy-store';
import { createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { TenantContextLoader } from '../../workers/runtime/tenant-context';
import { badValues, decodableValues, type Framing, type RawKey } from '../support/fuzz-inputs';
import { framingOf, waitForStack, withDeadline } from '../support/fuzz-context';
import { Counter, expectSuiteTotalAtLeast, recordTally } from '../support/fuzz-tally';
import { isolatedEnv } from '../support/test-env';

const RUNS_PER_KIND = Number(process.env.FUZZ_CODEC_RUNS ?? 2_500);
const KNOWN = new Set<string>(REJECTION_CODES);

/**
 * (a) The real TopicCodec against the real registry (and the real tenant lookup): every input
 * decodes to a schema-valid record or is rejected with a known reason code — never another
 * exception, never a hang.
 */
describe('fuzz: raw input decoding (TopicCodec + registry + tenant lookup)', () => {
  const { env } = isolatedEnv('fuzzcodec');
  let ctx: AppContext;
  let framing: Framing;
  let contexts: TenantContextLoader;
  const tenantId = randomUUID();
  const unknownTenants = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    ctx = await createAppContext('fuzz-codec', env);
    await waitForStack(ctx);
    await Promise.all(Object.values(ctx.codecs).map((c: { init(): Promise<void> }) => c.init()));
    framing = await framingOf(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'Fuzz codec', slug: `fuzz-codec-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    contexts = new TenantContextLoader(new TenantDirectory(ctx.pg.app, 60_000), new PolicyStore(ctx.pg.app), new TenantKeyring(ctx.pg.app, ctx.keyProvider), 3600);
  });
  afterAll(async () => {
    await ctx?.close();
    expectSuiteTotalAtLeast(100_000);
  });

  /** Decode, then look the tenant up: the outcome name, or the test fails on anything unexpected. */
  async function outcomeOf(key: RawKey, value: Buffer): Promise<string> {
    try {
      const rec = (await ctx.codecs[key].decode(value)) as { tenant_id: string };
      expect(localSchema(key).type.isValid(rec)).toBe(true);
      await contexts.tenant(rec.tenant_id.toLowerCase());
      return 'decoded';
    } catch (err) {
      if (err instanceof PipelineRejection && KNOWN.has(err.code)) return err.code;
      throw new Error(`unexpected ${(err as Error).name}: ${(err as Error).message}`, { cause: err });
    }
  }

  async function fuzz(key: RawKey, name: string, arb: fc.Arbitrary<Buffer>, runs: number, counter: Counter): Promise<void> {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        const t0 = performance.now();
        const outcome = await withDeadline(10_000, () => outcomeOf(key, value));
        counter.add(outcome, performance.now() - t0);
      }),
      { numRuns: runs, seed: 9, endOnFailure: true },
    );
    void name;
  }

  it.each<RawKey>(['promptsRaw', 'logsRaw'])('%s: malformed, truncated, mis-framed, mis-encoded and hostile values', async (key) => {
    const counter = new Counter();
    const kinds = badValues(key, framing, unknownTenants[0]!);
    for (const [name, arb] of Object.entries(kinds)) {
      const runs = name === 'huge_metadata' || name === 'nested_metadata' ? 200 : name === 'empty' ? 5 : name === 'wrong_schema_id' || name === 'framed_garbage' ? 500 : RUNS_PER_KIND;
      await fuzz(key, name, arb, runs, counter);
    }
    await fuzz(key, 'decodable', decodableValues(key, framing, [tenantId, ...unknownTenants]), RUNS_PER_KIND * 4, counter);
    // 1 MiB texts and values, Avro and JSON: decode (the size limit is the worker's, not the codec's).
    const mib = 'x\u202e€'.repeat(Math.ceil((1 << 20) / 5)).slice(0, 1 << 20);
    const rec = key === 'promptsRaw'
      ? { tenant_id: tenantId, request_id: 'mib', text: mib, conversation_id: null, user_id: null, metadata: null, ts: null }
      : { tenant_id: tenantId, request_id: 'mib', line: mib, service: null, metadata: null, ts: null };
    for (const value of [ctx.codecs[key].encode(rec as never), Buffer.from(JSON.stringify(rec)), Buffer.from(JSON.stringify({ ...rec, text: 5 }))]) {
      const t0 = performance.now();
      counter.add(await withDeadline(10_000, () => outcomeOf(key, value)), performance.now() - t0);
    }
    const row = counter.row(`codec:${key}`);
    recordTally(row);
    expect(row.outcomes['decoded']).toBeGreaterThan(0);
    expect(row.maxMs).toBeLessThan(5_000);
  });
});
