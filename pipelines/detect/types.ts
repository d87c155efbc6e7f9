/** Shared vocabulary of the detection engine. Offsets are UTF-16 code units (JavaScript string indices). */
export type DataClass = 'pii' | 'phi' | 'pci' | 'secret' | 'injection';

export interface Finding {
  /** Entity name in UPPER_SNAKE, e.g. EMAIL_ADDRESS, CREDIT_CARD. */
  readonly entity: string;
  readonly dataClass: DataClass;
  /** Inclusive start offset in UTF-16 code units. */
  readonly start: number;
  /** Exclusive end offset in UTF-16 code units. */
  readonly end: number;
  /** Confidence in [0, 1]. */
  readonly score: number;
  /** Name of the recognizer that produced it. */
  readonly detector: string;
}

export interface InjectionResult {
  /** Combined score in [0, 1]. */
  readonly score: number;
  readonly detected: boolean;
  /** Human-readable reasons: which heuristics and signatures fired. Never contains input text. */
  readonly reasons: readonly string[];
}
