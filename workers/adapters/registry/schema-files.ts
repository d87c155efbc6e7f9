import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { findRepoDir } from '../../config/repo-paths';
import { TOPIC_SCHEMA_FILES, type TopicKey } from '../../../schemas/topics';

const dir = findRepoDir('schemas/avro');
const cache = new Map<TopicKey, { text: string; type: avro.Type }>();

/** The local (reader) schema of a topic: its text as registered and its compiled avsc Type. */
export function localSchema(key: TopicKey): { text: string; type: avro.Type } {
  let entry = cache.get(key);
  if (!entry) {
    const text = readFileSync(join(dir, TOPIC_SCHEMA_FILES[key]), 'utf8');
    entry = { text: JSON.stringify(JSON.parse(text)), type: avro.Type.forSchema(JSON.parse(text)) };
    cache.set(key, entry);
  }
  return entry;
}
