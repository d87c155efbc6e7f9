/** ICD10_CODE: e.g. E11.9, J45.909, S72.001A — a very generic shape, so medical context is mandatory. */
import { patternRecognizer } from '../recognizer';

export const icd10Recognizer = patternRecognizer({
  name: 'icd10',
  entity: 'ICD10_CODE',
  dataClass: 'phi',
  patterns: [{ name: 'icd10', regex: /(?<![\w.\-])[A-TV-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?(?![\w\-]|\.\w)/g, score: 0.3 }],
  contextWords: ['icd', 'diagnos', 'dx', 'condition', 'patient', 'clinical', 'billing code', 'medical'],
  contextWindow: 60,
  contextBoost: 0.45,
  requireContext: true,
});
