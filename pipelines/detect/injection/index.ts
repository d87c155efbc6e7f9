/** Public API of prompt-injection / jailbreak detection. */
export {
  scoreInjection,
  analyzeInjection,
  extractEvidence,
  DEFAULT_THRESHOLD,
  type ScoreOptions,
  type InjectionAnalysis,
  type InjectionEvidence,
} from './injection-scorer';
export { crossValidate, stratifiedFolds, groupedFolds, type LabeledText, type CrossValidationResult } from './cross-validate';
export { normalize, type NormalizedText } from './normalize';
export { findEncodedPayloads, type DecodedPayload, type DecodeOptions, type EncodingKind } from './decoders';
export { HashedNgramEmbedder, defaultEmbedder, type Embedder } from './embedder';
export { SignatureIndex, buildSignatureIndex, SignatureFileSchema, type Signature, type SignatureMatch, type SignatureFile } from './signatures';
export { defaultSignatureIndex, defaultLexicalModel } from './defaults';
export { loadLexicalModel, trainLexicalModel, type LexicalModel, type TrainingSample } from './lexical-model';
export { HEURISTIC_REGISTRY, HEURISTICS } from './heuristics/registry';
export type { Heuristic, HeuristicHit, InjectionFamily } from './heuristics/types';
export { computeMetrics, rocAuc, type BinaryMetrics, type ScoredExample } from './eval-metrics';
