/**
 * Lazily built shipped defaults: the global signature set (embedded once per embedder) and the
 * committed lexical model. Kept apart from the scorer so tests and the training script can build
 * their own indexes/models without touching process-wide state.
 */
import globalSignatures from '../../../schemas/signatures/global-signatures.json';
import type { Embedder } from './embedder';
import { loadLexicalModel, type LexicalModel } from './lexical-model';
import lexicalModelJson from './lexical-model.json';
import { buildSignatureIndex, type SignatureIndex } from './signatures';

const indexes = new WeakMap<Embedder, SignatureIndex>();
let lexical: LexicalModel | undefined;

/** The reviewed global signatures (schemas/signatures/global-signatures.json), embedded with `embedder`. */
export function defaultSignatureIndex(embedder: Embedder): SignatureIndex {
  let idx = indexes.get(embedder);
  if (!idx) {
    idx = buildSignatureIndex(globalSignatures, embedder);
    indexes.set(embedder, idx);
  }
  return idx;
}

/** The committed lexical model, or null when `embedder` is not the feature space it was trained on. */
export function defaultLexicalModel(embedder: Embedder): LexicalModel | null {
  lexical ??= loadLexicalModel(lexicalModelJson);
  return lexical.embedderId === embedder.id ? lexical : null;
}
