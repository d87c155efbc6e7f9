/** Shared helpers for recognizer table tests. */
import { detectSensitive } from '../../../pipelines/detect/engine';

/** Matched substrings of `entity` in `text`, via the full engine (overlaps resolved, default threshold). */
export function spans(text: string, entity: string): string[] {
  return detectSensitive(text)
    .filter((f) => f.entity === entity)
    .map((f) => text.slice(f.start, f.end));
}
