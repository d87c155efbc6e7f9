/**
 * Combined prompt-injection score. Three independent pieces of evidence are merged with a noisy-OR,
 * score = 1 - (1 - h)(1 - s)(1 - l):
 *  h  heuristics: noisy-OR of expert-set rule confidences (normalised text + decoded payloads);
 *  s  signatures: best cosine match against reviewed attack texts, mapped to [0.55, 1] above the
 *     signature's own threshold, 0 below it;
 *  l  lexical model: logistic regression over the same hashed embedding, trained as the residual of
 *     h and s (see lexical-model.ts).
 * Noisy-OR keeps each piece explainable (every reason stands on its own) and lets a single strong
 * rule decide without being averaged away by the others.
 */
import type { InjectionResult } from '../types';
import { findEncodedPayloads } from './decoders';
import { defaultEmbedder, type Embedder } from './embedder';
import { HEURISTICS, TEXT_HEURISTICS } from './heuristics/registry';
import { heuristicContext, type HeuristicHit, type ScannedPayload } from './heuristics/types';
import { lexicalProbability, type LexicalModel } from './lexical-model';
import { normalize, type NormalizedText } from './normalize';
import { defaultLexicalModel, defaultSignatureIndex } from './defaults';
import type { SignatureIndex, SignatureMatch } from './signatures';

export interface ScoreOptions {
  readonly signatures?: SignatureIndex;
  readonly embedder?: Embedder;
  /** Decision threshold on the combined score (default 0.5). */
  readonly threshold?: number;
  /** Override the shipped lexical model; `null` disables it (rules + signatures only). */
  readonly lexicalModel?: LexicalModel | null;
}

export interface InjectionAnalysis extends InjectionResult {
  readonly heuristicHits: readonly HeuristicHit[];
  readonly bestSignature: SignatureMatch | null;
  /** Probability from rules and signatures only (the lexical model's noisy-OR partner). */
  readonly ruleProbability: number;
  readonly lexicalProbability: number;
}

export const DEFAULT_THRESHOLD = 0.5;
const CHUNK = 400;
const MAX_CHUNKS = 64;
/**
 * Whole-text embedding (lexical-model features) reads at most head + tail of this many chars. The
 * model was trained on prompts of a few KB; on a 100 KB document a bag-of-n-grams is diluted
 * anyway, and the heuristics (whole text) and chunked signature scan keep covering the rest.
 */
const EMBED_HALF = 8192;

function scanPayloads(raw: string, norm: NormalizedText): ScannedPayload[] {
  const decoded = findEncodedPayloads(raw);
  if (norm.tagPayload.length > 0) decoded.push({ kind: 'unicode_tags', text: norm.tagPayload, depth: 1 });
  return decoded.map((p) => {
    // Payload text is bounded by the decoder budget; rescan at most 4 KB of each to bound the cost.
    const t = p.text.slice(0, 4096);
    const ctx = heuristicContext(t, normalize(t), []);
    let best = 0;
    for (const h of TEXT_HEURISTICS) best = Math.max(best, h.evaluate(ctx)?.score ?? 0);
    return { ...p, bestScore: best };
  });
}

/** Best signature over the whole text and, for long inputs, over bounded windows of it. */
function bestSignatureMatch(index: SignatureIndex, embedder: Embedder, text: string, whole: Float32Array): SignatureMatch | null {
  let best = index.best(whole);
  if (text.length > CHUNK * 1.5) {
    const count = Math.min(MAX_CHUNKS, Math.ceil((text.length - CHUNK) / (CHUNK / 2)) + 1);
    const stride = (text.length - CHUNK) / Math.max(1, count - 1);
    for (let c = 0; c < count; c++) {
      const start = Math.floor(c * stride);
      const m = index.best(embedder.embed(text.slice(start, start + CHUNK)));
      if (m && (!best || m.similarity > best.similarity)) best = m;
    }
  }
  return best;
}

function signatureProbabilityOf(m: SignatureMatch | null): number {
  if (!m || m.similarity < m.signature.confidenceThreshold) return 0;
  const t = m.signature.confidenceThreshold;
  return 0.55 + 0.45 * Math.min(1, (m.similarity - t) / Math.max(1e-6, 1 - t));
}

function heuristicReason(hit: HeuristicHit): string {
  if (hit.family === 'encoded_payload') return `encoded:${hit.rule}`;
  if (hit.family === 'invisible_chars' || hit.family === 'homoglyph_obfuscation') return hit.family;
  return `heuristic:${hit.family}`;
}

/** Model-independent evidence for one text: what the lexical model is trained on top of. */
export interface InjectionEvidence {
  readonly hits: readonly HeuristicHit[];
  readonly bestSignature: SignatureMatch | null;
  readonly signatureProbability: number;
  /** Noisy-OR of heuristic hits and the signature probability. */
  readonly ruleProbability: number;
  /** Embedding of the normalised text (lexical-model features). */
  readonly vec: Float32Array;
}

export function extractEvidence(text: string, embedder: Embedder, signatures: SignatureIndex): InjectionEvidence {
  const norm = normalize(text);
  const ctx = heuristicContext(text, norm, scanPayloads(text, norm));
  const hits: HeuristicHit[] = [];
  let notH = 1;
  for (const h of HEURISTICS) {
    const hit = h.evaluate(ctx);
    if (hit) {
      hits.push(hit);
      notH *= 1 - hit.score;
    }
  }
  const t = norm.text;
  const vec = embedder.embed(t.length <= 2 * EMBED_HALF ? t : `${t.slice(0, EMBED_HALF)} ${t.slice(-EMBED_HALF)}`);
  const bestSignature = signatures.size > 0 ? bestSignatureMatch(signatures, embedder, norm.text, vec) : null;
  const signatureProbability = signatureProbabilityOf(bestSignature);
  return { hits, bestSignature, signatureProbability, ruleProbability: 1 - notH * (1 - signatureProbability), vec };
}

export function analyzeInjection(text: string, opts: ScoreOptions = {}): InjectionAnalysis {
  const embedder = opts.embedder ?? defaultEmbedder;
  const signatures = opts.signatures ?? defaultSignatureIndex(embedder);
  const model = opts.lexicalModel === undefined ? defaultLexicalModel(embedder) : opts.lexicalModel;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;

  const { hits, bestSignature: best, signatureProbability: pSig, ruleProbability, vec } = extractEvidence(text, embedder, signatures);
  // An empty normalised text carries no words for the lexical model to judge (its bias is not evidence).
  let hasWords = false;
  for (let i = 0; i < vec.length && !hasWords; i++) hasWords = vec[i] !== 0;
  const pLex = hasWords && model && model.embedderId === embedder.id ? lexicalProbability(model, vec) : 0;
  const score = 1 - (1 - ruleProbability) * (1 - pLex);

  const reasons = new Set<string>();
  for (const hit of [...hits].sort((a, b) => b.score - a.score)) reasons.add(heuristicReason(hit));
  if (pSig > 0 && best) reasons.add(`signature:${best.signature.id}(${best.similarity.toFixed(2)})`);
  if (pLex >= 0.5) reasons.add(`lexical_model(${pLex.toFixed(2)})`);
  return {
    score,
    detected: score >= threshold,
    reasons: [...reasons],
    heuristicHits: hits,
    bestSignature: best,
    ruleProbability,
    lexicalProbability: pLex,
  };
}

/** Scores one prompt. Reasons name rules, signature ids and encodings only, never input text. */
export function scoreInjection(text: string, opts: ScoreOptions = {}): InjectionResult {
  const a = analyzeInjection(text, opts);
  return { score: a.score, detected: a.detected, reasons: a.reasons };
}
