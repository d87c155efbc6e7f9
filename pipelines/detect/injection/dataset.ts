/**
 * Loader for labeled injection data (`{"text": ..., "label": 0|1}` per line), shared by the eval
 * and training scripts. The directory comes from SENTINEL_DATA_DIR, defaulting to ../shared/data
 * relative to the working directory (the repo root in dev and CI).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { LabeledText } from './cross-validate';

const Row = z.object({ text: z.string(), label: z.union([z.literal(0), z.literal(1)]) });

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(process.cwd(), env.SENTINEL_DATA_DIR ?? '../shared/data');
}

export function parseLabeledJsonl(content: string): LabeledText[] {
  return content
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      const r = Row.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`line ${i + 1}: not {text, label: 0|1}`);
      return r.data;
    });
}

export function loadInjectionDataset(file = 'injection-train.jsonl'): LabeledText[] {
  return parseLabeledJsonl(readFileSync(resolve(dataDir(), file), 'utf8'));
}
