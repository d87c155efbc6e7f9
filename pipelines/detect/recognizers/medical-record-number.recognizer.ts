/** MEDICAL_RECORD_NUMBER: facility-specific formats, so only values right after MRN/medical-record labels. */
import { patternRecognizer } from '../recognizer';

export const medicalRecordNumberRecognizer = patternRecognizer({
  name: 'mrn',
  entity: 'MEDICAL_RECORD_NUMBER',
  dataClass: 'phi',
  prefilter: (t) => /mrn|medical record|patient id|chart/i.test(t),
  patterns: [{ name: 'mrn', regex: /(?<![\w\-])[A-Za-z]{0,3}-?\d{5,12}(?![\w\-])/g, score: 0.3 }],
  contextWords: ['mrn', 'medical record', 'patient id', 'patient #', 'chart #', 'chart no', 'record number'],
  contextWindow: 28,
  contextBoost: 0.5,
  requireContext: true,
});
