/**
 * A tiny progress bar for long CLI work, written here rather than pulled in as a dependency: it
 * is forty lines. On a terminal it redraws one line on stderr (stdout stays clean for --json and
 * pipes); elsewhere (CI logs, redirected stderr) it prints a line at most every 25%, never a
 * stream of carriage returns.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): boolean;
}

export class ProgressBar {
  private done = 0;
  private items = 0;
  private lastDraw = 0;
  private lastQuarter = -1;
  private readonly started = Date.now();

  /** `total` in the caller's units (records, bytes); 0 when unknown (stdin): count and rate only. */
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly unit = 'records',
  ) {}

  /** Advances by `units` of the total, and `items` of the displayed count (default the same). */
  tick(units = 1, items = units): void {
    this.done += units;
    this.items += items;
    const now = Date.now();
    if (this.stream.isTTY) {
      // Redrawing on every record would cost more than the work for small records.
      if (now - this.lastDraw >= 100) this.draw(false);
    } else if (this.total > 0) {
      const quarter = Math.floor((Math.min(this.done, this.total) / this.total) * 4);
      if (quarter > this.lastQuarter && quarter > 0 && quarter < 4) {
        this.lastQuarter = quarter;
        this.stream.write(`${this.text()}\n`);
      }
    }
  }

  /** Final line, always printed (also off a terminal), so logs show what was done. */
  finish(): void {
    if (this.total > 0) this.done = Math.max(this.done, this.total);
    this.draw(true);
  }

  private draw(final: boolean): void {
    this.lastDraw = Date.now();
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${this.text()}${final ? '\n' : ''}`);
    else if (final) this.stream.write(`${this.text()}\n`);
  }

  private text(): string {
    const secs = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = `${Math.round(this.items / secs)}/s`;
    const count = `${this.items} ${this.unit}`;
    if (this.total <= 0) return `${this.label} ${count} ${rate}`;
    const frac = Math.min(this.done / this.total, 1);
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - this.label.length - 40));
    const filled = Math.round(frac * width);
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${count} ${rate}`;
  }
}
