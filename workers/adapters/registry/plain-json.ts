import type avro from 'avsc';
import { PipelineRejection } from '../../../pipelines/errors';

/**
 * Turns a plain JSON value (as a producer without a registry would send it, e.g. with kcat) into
 * a record of the topic's schema: absent optional fields become null and the result must then be
 * valid for the schema. Union members are written naturally ("conversation_id": "abc"), not in
 * Avro's JSON encoding ({"string": "abc"}).
 */
export function fromPlainJson<T>(type: avro.Type, parsed: unknown): T {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PipelineRejection('schema_violation', 'JSON value is not an object');
  }
  const input = parsed as Record<string, unknown>;
  const fields = (type as unknown as { fields: { name: string; defaultValue(): unknown }[] }).fields;
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    const v = input[field.name];
    record[field.name] = v === undefined ? field.defaultValue() : v;
  }
  const unknownKeys = Object.keys(input).filter((k) => !fields.some((f) => f.name === k));
  if (unknownKeys.length > 0) {
    throw new PipelineRejection('schema_violation', `unknown field(s): ${unknownKeys.slice(0, 5).map(safeName).join(', ')}`);
  }
  const badPaths: string[] = [];
  type.isValid(record, { errorHook: (path: string[]) => badPaths.push(path.join('.') || '(root)') });
  if (badPaths.length > 0) {
    throw new PipelineRejection('schema_violation', `invalid field(s): ${[...new Set(badPaths)].slice(0, 5).join(', ')}`);
  }
  return record as T;
}

/** Field names come from the producer: keep them short and printable before they reach logs. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '?').slice(0, 40);
}
