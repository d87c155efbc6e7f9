/** Runs the detection engine over labeled rows (presidio-research generated format) and scores it. */
import { detectSensitive } from '../detect/engine';
import type { Finding } from '../detect/types';
import { PII_ENTITY_MAPPING, scorePii, type GoldSpan, type PiiScore } from './pii-score';

export interface PiiRow {
  readonly full_text: string;
  readonly spans: ReadonlyArray<{ entity_type: string; start_position: number; end_position: number }>;
}

export interface PiiEvalReport extends PiiScore {
  readonly rows: number;
  readonly millis: number;
}

export type Detector = (text: string) => readonly Finding[];

export function runPiiEval(rows: readonly PiiRow[], detect: Detector = (t) => detectSensitive(t)): PiiEvalReport {
  const t0 = process.hrtime.bigint();
  const gold: GoldSpan[][] = [];
  const pred: Finding[][] = [];
  for (const r of rows) {
    gold.push(r.spans.map((s) => ({ label: s.entity_type, start: s.start_position, end: s.end_position })));
    pred.push([...detect(r.full_text)]);
  }
  const millis = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ...scorePii(gold, pred, PII_ENTITY_MAPPING), rows: rows.length, millis };
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);

export function formatPiiReport(r: PiiEvalReport): string {
  const lines = [`${'label'.padEnd(20)} ${'gold'.padStart(5)} ${'pred'.padStart(5)}  ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F2'.padStart(6)}`];
  const row = (name: string, s: PiiScore['overall']) =>
    `${name.padEnd(20)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)}  ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f2)}`;
  for (const [label, s] of Object.entries(r.perLabel)) lines.push(row(label, s));
  lines.push(row('OVERALL (micro)', r.overall));
  lines.push(`${r.rows} rows in ${r.millis.toFixed(0)} ms`);
  return lines.join('\n');
}
