/** DATE_TIME: dates, date-times, weekday names and clock times (see date-patterns.ts). */
import { patternRecognizer } from '../recognizer';
import { DATE_PATTERNS, validDate } from './date-patterns';

export const dateTimeRecognizer = patternRecognizer({
  name: 'date_time',
  entity: 'DATE_TIME',
  dataClass: 'pii',
  patterns: DATE_PATTERNS,
  contextWords: ['date', 'when', 'time', 'on ', 'since', 'until', 'at ', 'meet', 'appointment', 'deadline'],
  contextBoost: 0.1,
  validate: validDate,
});
