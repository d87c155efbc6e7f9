import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Imports go one way: workers → pipelines → schemas. pipelines/ does no I/O. */
const ROOT = join(__dirname, '..', '..', '..');
const FORBIDDEN_IN_PIPELINES = /^(kafkajs|pg|pg-.*|ioredis|bullmq|@aws-sdk\/.*|@clickhouse\/.*|@confluentinc\/.*|pino|prom-client)$/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('import boundaries', () => {
  it('pipelines/ imports no I/O client and nothing from workers/', () => {
    const offences = tsFiles(join(ROOT, 'pipelines')).flatMap((f) =>
      importsOf(f)
        .filter((spec) => FORBIDDEN_IN_PIPELINES.test(spec) || spec.includes('workers/'))
        .map((spec) => `${relative(ROOT, f)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('schemas/ imports nothing from pipelines/ or workers/', () => {
    const offences = tsFiles(join(ROOT, 'schemas')).flatMap((f) =>
      importsOf(f)
        .filter((spec) => spec.includes('pipelines/') || spec.includes('workers/'))
        .map((spec) => `${relative(ROOT, f)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('the scanner itself catches a forbidden import', () => {
    expect(FORBIDDEN_IN_PIPELINES.test('kafkajs')).toBe(true);
    expect(FORBIDDEN_IN_PIPELINES.test('@aws-sdk/client-kms')).toBe(true);
    expect(FORBIDDEN_IN_PIPELINES.test('node:crypto')).toBe(false);
  });
});
