/**
 * US_DRIVER_LICENSE: state formats vary wildly (7–13 digits, 1–2 letters + digits, trailing letter),
 * so the shape alone is weak; it is only reported near licence words.
 */
import { patternRecognizer } from '../recognizer';

export const usDriverLicenseRecognizer = patternRecognizer({
  name: 'us_driver_license',
  entity: 'US_DRIVER_LICENSE',
  dataClass: 'pii',
  patterns: [
    { name: 'alnum', regex: /(?<![\w\-])[A-Za-z]{0,2}\d{5,14}[A-Za-z]?(?![\w\-])/g, score: 0.35 },
    { name: 'state-mixed', regex: /(?<![\w\-])\d{3}[A-Za-z]{2}\d{4}(?![\w\-])/g, score: 0.35 },
  ],
  contextWords: ["driver's license", 'drivers license', 'driver license', 'driving licen', "driver's licence", 'dl#', 'dl #', 'dl no', 'dln', 'license number', 'licence number', 'license no', 'lic#', 'lic #'],
  contextWindow: 40,
  contextBoost: 0.5,
  requireContext: true,
  // Need at least 6 digits; fewer is more likely a count or a house number.
  invalidate: (m) => m.replace(/\D/g, '').length < 6,
});
