/**
 * Span-level PII scoring in the convention of Presidio's evaluator: a predicted span is a hit when it
 * overlaps a gold span of the same (mapped) label; precision, recall and F2 per label and micro overall.
 */

export interface GoldSpan {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

export interface PredictedSpan {
  /** Our entity name (UPPER_SNAKE); translated to a dataset label through the mapping. */
  readonly entity: string;
  readonly start: number;
  readonly end: number;
}

export interface LabelScore {
  readonly gold: number;
  readonly predicted: number;
  /** Predicted spans overlapping a gold span of the same label. */
  readonly truePositives: number;
  /** Gold spans overlapped by at least one prediction of the same label. */
  readonly goldHit: number;
  readonly precision: number;
  readonly recall: number;
  readonly f2: number;
}

export interface PiiScore {
  readonly perLabel: Readonly<Record<string, LabelScore>>;
  readonly overall: LabelScore;
}

/**
 * The single mapping from our entity names to the dataset's labels (presidio-research generated data).
 * Entities not listed (secrets, PHI ids, passports...) have no dataset label and are ignored by scoring.
 */
export const PII_ENTITY_MAPPING: Readonly<Record<string, string>> = {
  PERSON: 'PERSON',
  ADDRESS: 'ADDRESS',
  LOCATION: 'LOCATION',
  ORGANIZATION: 'ORGANIZATION',
  CREDIT_CARD: 'CREDIT_CARD',
  PHONE_NUMBER: 'PHONE_NUMBER',
  DATE_TIME: 'DATE_TIME',
  DATE_OF_BIRTH: 'DATE_TIME',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  US_SSN: 'US_SSN',
  IBAN_CODE: 'IBAN_CODE',
  URL: 'DOMAIN_NAME',
  DOMAIN_NAME: 'DOMAIN_NAME',
  TITLE: 'TITLE',
  PREFIX: 'PREFIX',
  US_DRIVER_LICENSE: 'US_DRIVER_LICENSE',
  ZIP_CODE: 'ADDRESS',
  IP_ADDRESS: 'IP_ADDRESS',
};

function f2(p: number, r: number): number {
  return p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
}

function finish(gold: number, predicted: number, tp: number, goldHit: number): LabelScore {
  // Empty denominators score 1: nothing predicted is nothing wrong; nothing to find is nothing missed.
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = gold === 0 ? 1 : goldHit / gold;
  return { gold, predicted, truePositives: tp, goldHit, precision, recall, f2: f2(precision, recall) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** `gold[i]` and `predicted[i]` are the spans of document i. */
export function scorePii(
  gold: ReadonlyArray<readonly GoldSpan[]>,
  predicted: ReadonlyArray<readonly PredictedSpan[]>,
  mapping: Readonly<Record<string, string>> = PII_ENTITY_MAPPING,
): PiiScore {
  if (gold.length !== predicted.length) throw new Error('gold and predicted must have one entry per document');
  const acc = new Map<string, { gold: number; predicted: number; tp: number; goldHit: number }>();
  const bucket = (label: string) => {
    let b = acc.get(label);
    if (!b) acc.set(label, (b = { gold: 0, predicted: 0, tp: 0, goldHit: 0 }));
    return b;
  };
  for (let i = 0; i < gold.length; i++) {
    const preds = predicted[i]
      .map((p) => ({ label: mapping[p.entity], start: p.start, end: p.end }))
      .filter((p): p is GoldSpan => p.label !== undefined);
    for (const g of gold[i]) {
      const b = bucket(g.label);
      b.gold++;
      if (preds.some((p) => p.label === g.label && overlaps(p, g))) b.goldHit++;
    }
    for (const p of preds) {
      const b = bucket(p.label);
      b.predicted++;
      if (gold[i].some((g) => g.label === p.label && overlaps(p, g))) b.tp++;
    }
  }
  const perLabel: Record<string, LabelScore> = {};
  let G = 0, P = 0, T = 0, H = 0;
  for (const [label, b] of [...acc.entries()].sort(([a], [c]) => a.localeCompare(c))) {
    perLabel[label] = finish(b.gold, b.predicted, b.tp, b.goldHit);
    G += b.gold; P += b.predicted; T += b.tp; H += b.goldHit;
  }
  return { perLabel, overall: finish(G, P, T, H) };
}
