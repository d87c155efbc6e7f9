/**
 * DATE_OF_BIRTH: the same date shapes as DATE_TIME, but only near birth context. It scores higher than
 * DATE_TIME so overlap resolution labels a birth date as DOB (a stricter data class for policy).
 */
import { patternRecognizer } from '../recognizer';
import { DATE_PATTERNS, validDate } from './date-patterns';

export const dateOfBirthRecognizer = patternRecognizer({
  name: 'date_of_birth',
  entity: 'DATE_OF_BIRTH',
  dataClass: 'pii',
  // Weekday/clock patterns are never birth dates.
  patterns: DATE_PATTERNS.filter((p) => p.name !== 'weekday' && !p.name.startsWith('clock')),
  contextWords: ['born', 'dob', 'd.o.b', 'date of birth', 'birth date', 'birthdate', 'birthday', 'b-day'],
  contextWindow: 40,
  contextBoost: 0.5,
  requireContext: true,
  validate: validDate,
});
