/** MEDICAL_RECORD_NUMBER: facility-specific formats, so only values right after MRN/medical-record labels. */
import { patternRecognizer } from '../recognizer';
import { mayContainAny } from '../gram-filter';

const MRN_CUES = ['mrn', 'medical record', 'patient id', 'chart'];

export const medicalRecordNumberRecognizer = patternRecognizer({
  name: 'mrn',
  entity: 'MEDICAL_RECORD_NUMBER',
  dataClass: 'phi',
  // The gram bitmap rules most texts out without a case-insensitive scan (see gram-filter.ts).
  prefilter: (t) => mayContainAny(t, MRN_CUES) && /mrn|medical record|patient id|chart/i.test(t),
  patterns: [{ name: 'mrn', regex: /(?<![\w\-])[A-Za-z]{0,3}-?\d{5,12}(?![\w\-])/g, score: 0.3 }],
  contextWords: ['mrn', 'medical record', 'patient id', 'patient #', 'chart #', 'chart no', 'record number'],
  contextWindow: 28,
  contextBoost: 0.5,
  requireContext: true,
});
