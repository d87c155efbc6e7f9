import { createReadStream } from 'node:fs';
import { PipelineRejection } from '../../pipelines/errors';
import { fromPlainJson } from '../adapters/registry/plain-json';
import { localSchema } from '../adapters/registry/schema-files';
import type { RawLog, RawPrompt } from '../../schemas/types';
import type { BackfillRecord, BackfillRun } from './backfill';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_LISTED_INVALID = 1000;

/** One line of the file as bytes (no newline), 1-based. */
interface FileLine {
  readonly lineNo: number;
  readonly bytes: Buffer;
}

/** Splits a file into lines as raw bytes (no decoding), so an invalid line can be sent byte for byte. */
async function* fileLines(path: string): AsyncGenerator<FileLine> {
  let rest = Buffer.alloc(0);
  let lineNo = 0;
  for await (const chunk of createReadStream(path)) {
    let buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      yield { lineNo: ++lineNo, bytes: buf.subarray(0, nl > 0 && buf[nl - 1] === 0x0d ? nl - 1 : nl) };
      buf = buf.subarray(nl + 1);
    }
    rest = Buffer.from(buf);
  }
  if (rest.length > 0) yield { lineNo: lineNo + 1, bytes: rest };
}

/**
 * A line becomes a record: a valid raw prompt/log (plain-JSON rules: known fields, right types,
 * a UUID tenant) is encoded with the registered Avro schema, with a deterministic request id
 * (`<run id>-<line>`) when it has none, so a resumed or repeated run derives the same id. An
 * invalid line is NOT dropped: it is produced byte for byte, so the pipeline dead-letters it with
 * its reason (decode_failed, invalid_utf8, schema_violation, unknown_tenant) and the DLQ holds it
 * sealed — nothing is silently lost; the run reports the count and line numbers.
 */
export function recordOfLine(run: BackfillRun, line: FileLine): { record: BackfillRecord; valid: boolean } {
  const forced = run.cp.target === 'auto' ? undefined : run.cp.target;
  let obj: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(utf8.decode(line.bytes));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) obj = parsed as Record<string, unknown>;
  } catch {
    obj = undefined;
  }
  const kind = forced ?? (obj && typeof obj.line === 'string' && !('text' in obj) ? 'log' : 'prompt');
  const key = obj && typeof obj.tenant_id === 'string' && UUID.test(obj.tenant_id) ? obj.tenant_id : null;
  const asIs = { record: { kind, key, value: line.bytes }, valid: false };
  if (!obj || !key) return asIs;
  try {
    const withId = { ...obj, request_id: obj.request_id ?? `${run.cp.runId}-${line.lineNo}` };
    if (kind === 'prompt') {
      const rec = fromPlainJson<RawPrompt>(localSchema('promptsRaw').type, withId);
      return { record: { kind, key, value: run.deps.codecs.promptsRaw.encode(rec) }, valid: true };
    }
    const rec = fromPlainJson<RawLog>(localSchema('logsRaw').type, withId);
    return { record: { kind, key, value: run.deps.codecs.logsRaw.encode(rec) }, valid: true };
  } catch (err) {
    if (err instanceof PipelineRejection) return asIs;
    throw err;
  }
}

/** Sends the file from the checkpoint's line on; returns true when the end of the file was reached. */
export async function backfillFile(run: BackfillRun, path: string): Promise<boolean> {
  const position = run.cp.position;
  if (!('lines' in position)) throw new Error('checkpoint position is not a line number');
  let done = position.lines;
  let batch: BackfillRecord[] = [];
  let pending = { invalid: [] as number[], skipped: 0, units: 0, last: done };
  const flush = async () => {
    await run.send(batch);
    run.cp.counts.invalid += pending.invalid.length;
    run.cp.counts.skipped += pending.skipped;
    run.cp.invalidLines.push(...pending.invalid.slice(0, Math.max(0, MAX_LISTED_INVALID - run.cp.invalidLines.length)));
    run.cp.position = { lines: (done = pending.last) };
    run.save();
    run.bar.tick(pending.units, batch.length);
    batch = [];
    pending = { invalid: [], skipped: 0, units: 0, last: done };
  };
  for await (const line of fileLines(path)) {
    if (line.lineNo <= done) {
      run.bar.tick(line.bytes.length + 1, 0);
      continue;
    }
    if (run.stopping) return false;
    pending.units += line.bytes.length + 1;
    pending.last = line.lineNo;
    if (line.bytes.toString('latin1').trim() === '') pending.skipped++;
    else {
      const { record, valid } = recordOfLine(run, line);
      if (!valid) pending.invalid.push(line.lineNo);
      batch.push(record);
    }
    if (batch.length >= run.batchSize) await flush();
  }
  if (run.stopping && batch.length > 0) return false;
  await flush();
  return true;
}
