/**
 * Short structured values that recur and in which detection found nothing: a prompt's conversation
 * id, metadata such as a model or app name, a JSON log line's level, service, method, route or
 * status. Each costs ~5-10 µs through the 43 recognizers however short it is (their fixed costs),
 * and a log line or a prompt with metadata carries several; the same ones come back message after
 * message. Detection is a pure function of the text and its field path (no clock, no randomness,
 * no tenant input), so a value found clean under a path is clean there the next time too.
 *
 * Only clean values are remembered: the memo never holds a value detection flagged as sensitive.
 * It is bounded in entries and in the length of both value and path (a log line's keys are the
 * producer's to choose, so an unbounded path would let one producer fill memory), and lives per
 * isolate (each detect thread has its own).
 */
export class CleanValueMemo {
  private readonly seen = new Set<string>();

  constructor(
    /** Entries kept; past it the oldest is forgotten (insertion order). */
    private readonly maxEntries = 4096,
    /** Longer values are neither looked up nor remembered: they rarely recur, and cost more to keep. */
    private readonly maxChars = 64,
    /** Likewise for paths: at most 4,096 × (64 + 128) UTF-16 code units are kept in all. */
    private readonly maxPathChars = 128,
  ) {}

  /** True when `text` was recorded clean under `path`. */
  isClean(path: string, text: string): boolean {
    return this.fits(path, text) && this.seen.has(keyOf(path, text));
  }

  /** Records that detection found nothing in `text` under `path`. */
  recordClean(path: string, text: string): void {
    if (!this.fits(path, text)) return;
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.values().next().value!);
    this.seen.add(keyOf(path, text));
  }

  get size(): number {
    return this.seen.size;
  }

  private fits(path: string, text: string): boolean {
    return text.length <= this.maxChars && path.length <= this.maxPathChars;
  }
}

/** NUL cannot occur in a field path (JSON keys are quoted in paths), so the key is unambiguous. */
function keyOf(path: string, text: string): string {
  return `${path}\u0000${text}`;
}
